import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, data } from '../../api/client';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { ServerMessage } from '../../ui/ServerMessage';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { commonExplanation } from '../account/useForm';
import { apiHref, type Schemas } from '../cycle/queries';

type Manifest = Schemas['ManifestDto'];
type Proof = 'eur1' | 'origin_declaration';

interface Values {
  proof: Proof;
  eur1Number: string;
  originDeclaration: string;
  exporterRexNumber: string;
  phytosanitaryCertificateNumber: string;
  /** Per organic goods line, by `cooperativeId|productId`. */
  coi: Record<string, { coiNumber: string; controlBody: string }>;
}

const lineKey = (line: { cooperativeId: string; productId: string }) =>
  `${line.cooperativeId}|${line.productId}`;

function valuesOf(manifest: Manifest): Values {
  const proof = manifest.documents.proofOfOrigin;
  return {
    proof: proof?.kind ?? 'eur1',
    eur1Number: proof?.kind === 'eur1' ? (proof.number ?? '') : '',
    originDeclaration: proof?.kind === 'origin_declaration' ? (proof.text ?? '') : '',
    exporterRexNumber: proof?.kind === 'origin_declaration' ? (proof.exporterRexNumber ?? '') : '',
    phytosanitaryCertificateNumber: manifest.documents.phytosanitaryCertificateNumber ?? '',
    coi: Object.fromEntries(
      manifest.lines
        .filter((line) => line.organic)
        .map((line) => [
          lineKey(line),
          // The manifest names the cooperative's certifier when no COI is entered yet (a name,
          // not the EU code the COI needs): start blank then.
          { coiNumber: line.coiNumber ?? '', controlBody: line.coiNumber ? (line.controlBody ?? '') : '' },
        ]),
    ),
  };
}

/** The request body: the whole set of documents, a blank field recorded as none. */
function bodyOf(values: Values, manifest: Manifest): Schemas['ShipmentDocumentsBody'] {
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  const organic = manifest.lines.filter((line) => line.organic);
  return {
    eur1Number: values.proof === 'eur1' ? text(values.eur1Number) : null,
    originDeclaration: values.proof === 'origin_declaration' ? text(values.originDeclaration) : null,
    exporterRexNumber: values.proof === 'origin_declaration' ? text(values.exporterRexNumber) : null,
    phytosanitaryCertificateNumber: text(values.phytosanitaryCertificateNumber),
    certificates: organic
      .map((line) => ({ line, coi: values.coi[lineKey(line)] }))
      .filter(({ coi }) => coi && (coi.coiNumber.trim() !== '' || coi.controlBody.trim() !== ''))
      .map(({ line, coi }) => ({
        cooperativeId: line.cooperativeId,
        productId: line.productId,
        coiNumber: coi.coiNumber.trim(),
        controlBody: coi.controlBody.trim(),
      })),
  };
}

/** The field of the form a server message names (`certificates.0.coiNumber: …`). */
function fieldOf(message: string, body: Schemas['ShipmentDocumentsBody']): string | undefined {
  const named = /^([a-zA-Z][\w.]*)[: ]/.exec(message)?.[1];
  const certificate = /^certificates\.(\d+)(?:\.(\w+))?/.exec(named ?? '');
  if (!certificate) return named;
  const line = body.certificates?.[Number(certificate[1])];
  return line ? `${lineKey(line)}.${certificate[2] ?? 'coiNumber'}` : named;
}

/** A refusal's messages (the API joins them with "; "), each by the field it names. */
function messagesOf(
  error: unknown,
  body: Schemas['ShipmentDocumentsBody'],
  general: ReactNode,
): { field?: string; message: ReactNode }[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [{ message: general }];
  return error.message.split('; ').map((message) => ({ field: fieldOf(message, body), message }));
}

/** A message of the server in the reader's language; under its own field, without its name. */
const said = (message: ReactNode, bare: boolean) =>
  typeof message === 'string' ? <ServerMessage message={message} bare={bare} /> : message;

/**
 * The papers a shipment carries across the border: the proof of origin (an EUR.1 or an origin
 * declaration with the exporter's REX number), the phytosanitary certificate, and the organic
 * certificate of inspection of each organic goods line. Saving re-issues the manifest as a new
 * version; what the route still requires is listed, and the CMR notes are one link away.
 */
export function BorderDocuments({ shipmentId }: { shipmentId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const manifest = useQuery({
    queryKey: ['manifest', shipmentId],
    queryFn: () => data(api.GET('/shipments/{id}/manifest', { params: { path: { id: shipmentId } } })),
  });
  const [values, setValues] = useState<Values | null>(null);
  const [errors, setErrors] = useState<{ field?: string; message: ReactNode }[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (manifest.data && !values) setValues(valuesOf(manifest.data));
  }, [manifest.data, values]);
  if (!manifest.data || !values) return null;
  const current = manifest.data;
  const id = (name: string) => `${shipmentId}-${name.replace(/[^\w-]/g, '-')}`;
  const errorOn = (name: string) => {
    const on = errors.filter((one) => one.field === name);
    return on.length === 0
      ? null
      : on.map((one, index) => <span key={index}>{said(one.message, true)} </span>);
  };
  const set = (patch: Partial<Values>) => setValues({ ...values, ...patch });
  const setCoi = (key: string, patch: Partial<Values['coi'][string]>) =>
    set({ coi: { ...values.coi, [key]: { ...values.coi[key], ...patch } } });
  const sender = (cooperativeId: string) =>
    current.senders.find((one) => one.cooperativeId === cooperativeId)?.name ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    setSaved(null);
    const body = bodyOf(values, current);
    try {
      const issued = await data(
        api.PUT('/shipments/{id}/documents', { params: { path: { id: shipmentId } }, body }),
      );
      setSaved(issued.version);
      client.setQueryData(['manifest', shipmentId], issued);
      await client.invalidateQueries({ queryKey: ['manifest-versions', shipmentId] });
      await client.invalidateQueries({ queryKey: ['shipments'] });
    } catch (caught) {
      setErrors(messagesOf(caught, body, commonExplanation(caught, t)));
    } finally {
      setBusy(false);
    }
  };
  const organic = current.lines.filter((line) => line.organic);
  const shown = new Set([
    ...(values.proof === 'eur1' ? ['eur1Number'] : ['exporterRexNumber', 'originDeclaration']),
    'phytosanitaryCertificateNumber',
    ...organic.flatMap((line) => [`${lineKey(line)}.coiNumber`, `${lineKey(line)}.controlBody`]),
  ]);
  // A message about a field the form shows goes under it; any other in the status line.
  const elsewhere = errors.filter((one) => !(one.field && shown.has(one.field)));
  const general =
    elsewhere.length === 0
      ? null
      : elsewhere.map((one, index) => <span key={index}>{said(one.message, false)} </span>);

  return (
    <section className="documents" aria-labelledby={id('documents')}>
      <h3 id={id('documents')}>
        <Icon name="print" /> {t('transporter.documents')}
      </h3>
      {current.documentWarnings.length > 0 ? (
        <div className="notice">
          <p>
            <Icon name="warning" /> {t('transporter.stillRequired')}
          </p>
          <ul>
            {current.documentWarnings.map((warning, index) => (
              <li key={index}>
                {t(`transporter.warnings.${warning.code}`)}
                {warning.cooperativeId && ` · ${sender(warning.cooperativeId)}`}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>
          <Icon name="check" /> {t('transporter.papersComplete')}
        </p>
      )}
      <p className="actions">
        <a className="button-link secondary" href={apiHref(`/shipments/${shipmentId}/cmr.pdf`)} download>
          <Icon name="download" /> {t('transporter.cmr')}
        </a>
      </p>
      <details open={current.documentWarnings.length > 0 || errors.length > 0}>
        <summary>{t('transporter.enterDocuments')}</summary>
        <form onSubmit={submit} noValidate aria-labelledby={id('documents')}>
          <fieldset>
            <legend>{t('transporter.proofOfOrigin')}</legend>
            {(['eur1', 'origin_declaration'] as const).map((kind) => (
              <div key={kind} className="field checkbox">
                <input
                  type="radio"
                  id={id(`proof-${kind}`)}
                  name={id('proof')}
                  checked={values.proof === kind}
                  onChange={() => set({ proof: kind })}
                />
                <label htmlFor={id(`proof-${kind}`)}>{t(`transporter.proof.${kind}`)}</label>
              </div>
            ))}
            {values.proof === 'eur1' ? (
              <Field
                id={id('eur1Number')}
                label={t('transporter.eur1Number')}
                hint={t('transporter.eur1Hint')}
                value={values.eur1Number}
                error={errorOn('eur1Number')}
                onChange={(event) => set({ eur1Number: event.target.value })}
              />
            ) : (
              <>
                <Field
                  id={id('exporterRexNumber')}
                  label={t('transporter.rexNumber')}
                  hint={t('transporter.rexHint')}
                  value={values.exporterRexNumber}
                  error={errorOn('exporterRexNumber')}
                  onChange={(event) => set({ exporterRexNumber: event.target.value })}
                />
                <div className="field">
                  <label htmlFor={id('originDeclaration')}>{t('transporter.originDeclaration')}</label>
                  <textarea
                    id={id('originDeclaration')}
                    rows={4}
                    value={values.originDeclaration}
                    aria-invalid={errorOn('originDeclaration') ? true : undefined}
                    aria-describedby={
                      errorOn('originDeclaration') ? id('originDeclaration-error') : undefined
                    }
                    onChange={(event) => set({ originDeclaration: event.target.value })}
                  />
                  {errorOn('originDeclaration') && (
                    <p className="error" id={id('originDeclaration-error')}>
                      <Icon name="warning" /> {errorOn('originDeclaration')}
                    </p>
                  )}
                </div>
              </>
            )}
          </fieldset>
          <Field
            id={id('phytosanitaryCertificateNumber')}
            label={t('transporter.phytosanitary')}
            hint={t('transporter.phytosanitaryHint')}
            value={values.phytosanitaryCertificateNumber}
            error={errorOn('phytosanitaryCertificateNumber')}
            onChange={(event) => set({ phytosanitaryCertificateNumber: event.target.value })}
          />
          {organic.map((line) => {
            const key = lineKey(line);
            return (
              <fieldset key={key}>
                <legend>
                  {t('transporter.coiFor', {
                    product: line.productName,
                    cooperative: sender(line.cooperativeId),
                  })}
                </legend>
                <Field
                  id={id(`${key}.coiNumber`)}
                  label={t('transporter.coiNumber')}
                  hint={t('transporter.coiHint')}
                  value={values.coi[key]?.coiNumber ?? ''}
                  error={errorOn(`${key}.coiNumber`)}
                  onChange={(event) => setCoi(key, { coiNumber: event.target.value })}
                />
                <Field
                  id={id(`${key}.controlBody`)}
                  label={t('transporter.controlBody')}
                  hint={t('transporter.controlBodyHint')}
                  value={values.coi[key]?.controlBody ?? ''}
                  error={errorOn(`${key}.controlBody`)}
                  onChange={(event) => setCoi(key, { controlBody: event.target.value })}
                />
              </fieldset>
            );
          })}
          <button type="submit" disabled={busy}>
            <Icon name="check" /> {t('transporter.saveDocuments')}
          </button>
        </form>
      </details>
      <StatusAnnouncer tone={saved !== null ? 'done' : general ? 'error' : undefined}>
        {saved !== null ? t('transporter.documentsSaved', { version: saved }) : general}
      </StatusAnnouncer>
    </section>
  );
}
