import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Pending } from '../../ui/ReadFailed';
import { apiHref, useCycle, type Schemas } from '../cycle/queries';
import { BorderDocuments } from './BorderDocuments';

type Shipment = Schemas['ShipmentDto'];

function ManifestVersions({ shipmentId }: { shipmentId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useQuery({
    queryKey: ['manifest-versions', shipmentId],
    queryFn: () =>
      data(api.GET('/shipments/{id}/manifest/versions', { params: { path: { id: shipmentId } } })),
  });
  if (!versions.data) return null;
  return (
    <details>
      <summary>{t('transporter.versions', { count: versions.data.length })}</summary>
      <ul>
        {versions.data.map((v) => (
          <li key={v.version}>
            {t('transporter.version', { version: v.version, date: format.dateTime(v.issuedAt) })}
            {v.issuedBy && ` · ${v.issuedBy}`}{' '}
            <a href={apiHref(`/shipments/${shipmentId}/manifest.pdf?version=${v.version}`)} download>
              PDF
            </a>{' '}
            <a href={apiHref(`/shipments/${shipmentId}/manifest.csv?version=${v.version}`)} download>
              CSV
            </a>{' '}
            <a
              href={apiHref(`/shipments/${shipmentId}/manifest?version=${v.version}`)}
              download={`${v.number}-v${v.version}.json`}
            >
              JSON
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** One shipment: vehicle and mode, stops in order with consignee and drop point, weights, CO2e. */
export function ShipmentCard({ shipment, index }: { shipment: Shipment; index: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const base = `/shipments/${shipment.id}`;
  return (
    <section className="card" aria-labelledby={`shipment-${shipment.id}`}>
      <h2 id={`shipment-${shipment.id}`}>
        <Icon name="truck" /> {t('transporter.shipment', { n: index + 1 })} ·{' '}
        <bdi>{shipment.manifest.number}</bdi>
      </h2>
      <dl className="facts">
        <dt>{t('transporter.vehicle')}</dt>
        <dd>
          {shipment.vehicle.name} · {t(`modes.${shipment.vehicle.mode}`)}
        </dd>
        <dt>{t('transporter.weight')}</dt>
        <dd className="number">
          {format.kg(shipment.totals.grossKg)} (
          {t('transporter.net', { kg: format.kg(shipment.totals.netKg) })})
        </dd>
        <dt>{t('transporter.packages')}</dt>
        <dd className="number">{format.number(shipment.totals.packages)}</dd>
        <dt>{t('transporter.distance')}</dt>
        <dd className="number">{format.number(shipment.distanceKm, { maximumFractionDigits: 0 })} km</dd>
        <dt>{t('transporter.co2e')}</dt>
        <dd className="number">{format.kg(shipment.co2eKg)} CO2e</dd>
      </dl>
      <h3>{t('transporter.stops')}</h3>
      <ol className="stops">
        {shipment.stops.map((stop) => (
          <li key={stop.order}>
            <strong>{stop.consignee}</strong> — {stop.dropPoint.name}, {stop.dropPoint.address}
            <br />
            <span className="muted">
              {t('transporter.unload', {
                packages: format.number(stop.unloading.packages),
                kg: format.kg(stop.unloading.grossKg),
                km: format.number(stop.distanceFromPreviousKm, { maximumFractionDigits: 0 }),
              })}
            </span>
          </li>
        ))}
      </ol>
      <p className="actions">
        <a className="button-link" href={apiHref(`${base}/manifest.pdf`)} download>
          <Icon name="download" /> {t('transporter.pdf')}
        </a>
        <a className="button-link secondary" href={apiHref(`${base}/manifest.csv`)} download>
          <Icon name="download" /> {t('transporter.csv')}
        </a>
        <a
          className="button-link secondary"
          href={apiHref(`${base}/manifest`)}
          download={`${shipment.manifest.number}.json`}
        >
          <Icon name="download" /> {t('transporter.json')}
        </a>
      </p>
      <ManifestVersions shipmentId={shipment.id} />
      <BorderDocuments shipmentId={shipment.id} />
    </section>
  );
}

export default function CycleShipments({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cycle = useCycle(cycleId);
  const shipments = useQuery({
    queryKey: ['shipments', cycleId],
    queryFn: () => data(api.GET('/cycles/{id}/shipments', { params: { path: { id: cycleId } } })),
  });
  if (!shipments.data || !cycle.data) return <Pending queries={[shipments, cycle]} />;
  return (
    <>
      <h1 tabIndex={-1}>{t('transporter.cycleTitle', { month: format.month(cycle.data.month) })}</h1>
      <p>{t('transporter.loadingOn', { date: format.date(cycle.data.loadingDate) })}</p>
      {shipments.data.items.length === 0 && <p>{t('transporter.none')}</p>}
      {shipments.data.items.map((shipment, index) => (
        <ShipmentCard key={shipment.id} shipment={shipment} index={index} />
      ))}
    </>
  );
}
