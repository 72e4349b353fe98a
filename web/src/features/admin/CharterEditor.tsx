import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, data } from '../../api/client';
import { everyItem } from '../../api/pages';
import { Field } from '../../ui/Field';
import { isolate, useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Pending } from '../../ui/ReadFailed';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { commonExplanation, useSubmit } from '../account/useForm';
import type { Schemas } from '../cycle/queries';

type Rules = Schemas['CharterRulesDto'];
const SHARES = ['minLocalSalesShare', 'maxExportShare', 'maxMonthlyVariation'] as const;
const MODES = ['road', 'rail', 'sea', 'air'] as const;
/** The rules with a field of their own, where the API's message about them is shown. */
const FIELDS = [...SHARES, 'maxEmissionsGramsPerKg'];

/** A number input's text as the rule's value: empty leaves the rule out. */
const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The charter's rules as a form; each save is a new version, and the history says who changed what. */
export default function CharterEditor({ partnershipId }: { partnershipId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ['charter', partnershipId],
    queryFn: () => data(api.GET('/partnerships/{id}/charter', { params: { path: { id: partnershipId } } })),
  });
  const history = useQuery({
    queryKey: ['charter-history', partnershipId],
    queryFn: () =>
      everyItem((query) =>
        data(
          api.GET('/partnerships/{id}/charter/versions', { params: { path: { id: partnershipId }, query } }),
        ),
      ),
  });
  const products = useQuery({
    queryKey: ['products'],
    queryFn: () => everyItem((query) => data(api.GET('/products', { params: { query } }))),
  });
  const [text, setText] = useState<Record<string, string>>({});
  const [organic, setOrganic] = useState(false);
  const [modes, setModes] = useState<string[]>([]);
  const [excluded, setExcluded] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const rules = current.data?.rules;
    if (!rules) return;
    setText({
      ...Object.fromEntries(SHARES.map((key) => [key, rules[key] === undefined ? '' : String(rules[key])])),
      maxEmissionsGramsPerKg:
        rules.maxEmissionsGramsPerKg === undefined ? '' : String(rules.maxEmissionsGramsPerKg),
    });
    setOrganic(!!rules.organicRequired);
    setModes(rules.forbiddenTransportModes ?? []);
    setExcluded(rules.excludedProductIds ?? []);
  }, [current.data]);

  const rules = (): Rules => ({
    organicRequired: organic,
    ...Object.fromEntries(SHARES.map((key) => [key, numberOrUndefined(text[key] ?? '')])),
    maxEmissionsGramsPerKg: numberOrUndefined(text.maxEmissionsGramsPerKg ?? ''),
    forbiddenTransportModes: modes as Rules['forbiddenTransportModes'],
    excludedProductIds: excluded,
    priceFloors: current.data?.rules.priceFloors,
  });
  const { submit, error, busy } = useSubmit(
    () =>
      data(
        api.PUT('/partnerships/{id}/charter', {
          params: { path: { id: partnershipId } },
          body: { rules: rules() },
        }),
      ),
    // Shown under the rule it names first (no label again there), the others named.
    (caught) =>
      commonExplanation(caught, t, (path) =>
        caught instanceof ApiError && path === caught.field
          ? ''
          : FIELDS.some((key) => path === `rules.${key}`)
            ? t(path)
            : undefined,
      ),
  );
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (await submit()) {
      setSaved(true);
      await client.invalidateQueries({ queryKey: ['charter', partnershipId] });
      await client.invalidateQueries({ queryKey: ['charter-history', partnershipId] });
    }
  };
  const named =
    error?.field && FIELDS.some((key) => error.field === `rules.${key}`) ? error.field : undefined;
  const fieldError = (name: string) => (named === `rules.${name}` ? error!.message : null);
  const productName = (id: string) => products.data?.find((p) => p.id === id)?.name ?? id;

  if (!current.data) return <Pending queries={[current]} />;
  return (
    <>
      <h1 tabIndex={-1}>{t('admin.charterTitle', { version: current.data.version })}</h1>
      <form onSubmit={save} noValidate>
        <div className="field checkbox">
          <input
            id="organicRequired"
            type="checkbox"
            checked={organic}
            onChange={(e) => setOrganic(e.target.checked)}
          />
          <label htmlFor="organicRequired">{t('rules.organicRequired')}</label>
        </div>
        {SHARES.map((key) => (
          <Field
            key={key}
            label={t(`rules.${key}`)}
            hint={t('admin.shareHint')}
            type="number"
            inputMode="decimal"
            step="0.01"
            min={0}
            max={1}
            value={text[key] ?? ''}
            error={fieldError(key)}
            onChange={(event) => setText((all) => ({ ...all, [key]: event.target.value }))}
          />
        ))}
        <Field
          label={t('rules.maxEmissionsGramsPerKg')}
          type="number"
          inputMode="decimal"
          min={0}
          value={text.maxEmissionsGramsPerKg ?? ''}
          error={fieldError('maxEmissionsGramsPerKg')}
          onChange={(event) => setText((all) => ({ ...all, maxEmissionsGramsPerKg: event.target.value }))}
        />
        <fieldset>
          <legend>{t('rules.forbiddenTransportModes')}</legend>
          {MODES.map((mode) => (
            <div key={mode} className="field checkbox">
              <input
                id={`mode-${mode}`}
                type="checkbox"
                checked={modes.includes(mode)}
                onChange={(e) =>
                  setModes((all) => (e.target.checked ? [...all, mode] : all.filter((m) => m !== mode)))
                }
              />
              <label htmlFor={`mode-${mode}`}>{t(`modes.${mode}`)}</label>
            </div>
          ))}
        </fieldset>
        {products.data && products.data.length > 0 && (
          <fieldset>
            <legend>{t('rules.excludedProductIds')}</legend>
            {products.data.map((product) => (
              <div key={product.id} className="field checkbox">
                <input
                  id={`excluded-${product.id}`}
                  type="checkbox"
                  checked={excluded.includes(product.id)}
                  onChange={(e) =>
                    setExcluded((all) =>
                      e.target.checked ? [...all, product.id] : all.filter((id) => id !== product.id),
                    )
                  }
                />
                <label htmlFor={`excluded-${product.id}`}>{product.name}</label>
              </div>
            ))}
          </fieldset>
        )}
        <StatusAnnouncer tone={saved ? 'done' : error ? 'error' : undefined}>
          {saved ? t('admin.charterSaved') : error && !named ? error.message : null}
        </StatusAnnouncer>
        <button type="submit" disabled={busy}>
          <Icon name="check" /> {t('admin.charterSave')}
        </button>
      </form>
      <h2>{t('admin.charterHistory')}</h2>
      <ol className="history" reversed>
        {[...(history.data ?? [])].reverse().map((entry) => (
          <li key={entry.version} className="card">
            <h3>{t('admin.versionTitle', { version: entry.version })}</h3>
            <p>
              {t('admin.changedBy', {
                who: entry.author ? isolate(entry.author.email) : t('admin.someone'),
                date: format.dateTime(entry.createdAt),
              })}
            </p>
            <p>
              {entry.changedRules.length === 0
                ? t('admin.noChange')
                : t('admin.changed', {
                    rules: entry.changedRules.map((key) => t(`rules.${key}`)).join(', '),
                  })}
            </p>
            <details>
              <summary>{t('admin.rulesOfVersion')}</summary>
              <ul>
                {Object.entries(entry.rules).map(([key, value]) => (
                  <li key={key}>
                    {t(`rules.${key}`)}
                    {t('common.colon')}
                    <strong>
                      {key === 'excludedProductIds'
                        ? (value as string[]).map(productName).join(', ')
                        : typeof value === 'object'
                          ? JSON.stringify(value)
                          : String(value)}
                    </strong>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
