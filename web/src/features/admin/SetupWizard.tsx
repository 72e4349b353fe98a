import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { Link, navigate, useLocation } from '../../app/router';
import { Icon } from '../../ui/Icon';
import { isolate } from '../../ui/format';
import { Pending } from '../../ui/ReadFailed';
import { useSetupState, type SetupState } from './setup-state';
import { bodyOf, StepForm, type FieldSpec } from './StepForm';

interface Step {
  key: string;
  done: boolean;
  /** What exists already, in a line. */
  summary: string;
  fields: FieldSpec[];
  submit: (body: Record<string, unknown>, values: Record<string, string>) => Promise<unknown>;
  /** Needs an earlier step first. */
  blocked?: boolean;
}

const nextYearMonth = (add: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + add, 1);
  return d.toISOString().slice(0, 7);
};

function stepsOf(state: SetupState, t: TFunction): Step[] {
  const p = state.partnership;
  const territoryOptions = (ids?: string[]) =>
    state.territories
      .filter((tr) => !ids || ids.includes(tr.id))
      .map((tr) => ({ value: tr.id, label: `${tr.name} (${tr.countryCode})` }));
  const ofPartnership = territoryOptions(p?.territoryIds);
  /** Where a record of the partnership sits: 0 the producer territory, 1 the consumer one. */
  const territoryField = (side: 0 | 1): FieldSpec => ({
    name: 'territoryId',
    label: t('setup.territory'),
    type: 'select',
    options: ofPartnership,
    initial: p?.territoryIds[side],
  });
  const names = (items: { name: string }[]) =>
    items.map((item) => item.name).join(', ') || t('admin.nothingYet');
  const season = state.season;
  const post = async (call: Promise<unknown>) => data(call as never);
  return [
    {
      key: 'territories',
      done: state.territories.length >= 2,
      summary: names(state.territories),
      fields: [
        { name: 'name', label: t('setup.territoryName') },
        { name: 'countryCode', label: t('setup.countryCode'), hint: 'MA, BE, SN…' },
        { name: 'timezone', label: t('setup.timezone'), initial: 'Europe/Brussels' },
        { name: 'currency', label: t('setup.currency'), initial: 'EUR' },
      ],
      submit: (body) => post(api.POST('/territories', { body: body as never })),
    },
    {
      key: 'partnership',
      done: !!p,
      blocked: state.territories.length < 2,
      summary: p ? p.name : t('admin.nothingYet'),
      fields: [
        { name: 'name', label: t('setup.partnershipName') },
        {
          name: 'producer',
          label: t('setup.producerTerritory'),
          type: 'select',
          options: territoryOptions(),
        },
        {
          name: 'consumer',
          label: t('setup.consumerTerritory'),
          type: 'select',
          options: territoryOptions(),
          initial: state.territories[1]?.id,
        },
      ],
      submit: async (_body, v) => {
        const created = await data(
          api.POST('/partnerships', { body: { name: v.name, territoryIds: [v.producer, v.consumer] } }),
        );
        navigate(`/admin/setup?partnership=${created.id}`, { replace: true });
      },
    },
    {
      key: 'charter',
      done: !!p && p.charterVersion >= 1,
      blocked: !p,
      summary: p ? t('admin.charterVersion', { version: p.charterVersion }) : '',
      fields: [
        {
          name: 'rules.maxExportShare',
          label: t('rules.maxExportShare'),
          type: 'number',
          optional: true,
          hint: t('admin.shareHint'),
        },
        {
          name: 'rules.minLocalSalesShare',
          label: t('rules.minLocalSalesShare'),
          type: 'number',
          optional: true,
          hint: t('admin.shareHint'),
        },
      ],
      submit: (body) =>
        post(api.PUT('/partnerships/{id}/charter', { params: { path: { id: p!.id } }, body: body as never })),
    },
    {
      key: 'groups',
      done: state.groups.length > 0,
      blocked: !p,
      summary: names(state.groups),
      fields: [
        territoryField(1),
        { name: 'name', label: t('setup.groupName') },
        { name: 'kind', label: t('setup.groupKind'), initial: 'GASAP' },
        { name: 'contactEmail', label: t('fields.email'), type: 'email' },
        { name: 'dropPoint.name', label: t('setup.dropPointName') },
        { name: 'dropPoint.address', label: t('setup.address') },
        { name: 'dropPoint.latitude', label: t('setup.latitude'), type: 'number' },
        { name: 'dropPoint.longitude', label: t('setup.longitude'), type: 'number' },
      ],
      submit: (body) => post(api.POST('/consumer-groups', { body: body as never })),
    },
    {
      key: 'cooperatives',
      done: state.cooperatives.length > 0,
      blocked: !p,
      summary: names(state.cooperatives),
      fields: [
        territoryField(0),
        { name: 'name', label: t('setup.cooperativeName') },
        { name: 'contactEmail', label: t('fields.email'), type: 'email' },
        {
          name: 'localSalesShare',
          label: t('setup.localSalesShare'),
          type: 'number',
          hint: t('admin.shareHint'),
        },
        {
          name: 'certificates.0.kind',
          label: t('setup.certificateKind'),
          type: 'select',
          options: [
            { value: 'organic', label: t('setup.organic') },
            { value: 'pgs', label: t('setup.pgs') },
          ],
        },
        { name: 'certificates.0.body', label: t('setup.certificateBody') },
        { name: 'certificates.0.number', label: t('setup.certificateNumber') },
        { name: 'certificates.0.validFrom', label: t('setup.validFrom'), type: 'date' },
        { name: 'certificates.0.validTo', label: t('setup.validTo'), type: 'date' },
      ],
      submit: (body) => post(api.POST('/cooperatives', { body: body as never })),
    },
    {
      key: 'pickup',
      done: state.pickupPoints.length > 0,
      blocked: !p,
      summary: names(state.pickupPoints),
      fields: [
        territoryField(0),
        { name: 'name', label: t('setup.pickupName') },
        { name: 'address', label: t('setup.address') },
        { name: 'latitude', label: t('setup.latitude'), type: 'number' },
        { name: 'longitude', label: t('setup.longitude'), type: 'number' },
      ],
      submit: (body) => post(api.POST('/pickup-points', { body: body as never })),
    },
    {
      key: 'organisers',
      done: state.organisers.length > 0,
      summary: names(state.organisers),
      fields: [
        { name: 'name', label: t('setup.organiserName') },
        {
          name: 'side',
          label: t('setup.side'),
          type: 'select',
          options: ['third_party', 'producers', 'consumers'].map((value) => ({
            value,
            label: t(`setup.sides.${value}`),
          })),
        },
        { name: 'contactEmail', label: t('fields.email'), type: 'email' },
        {
          name: 'locale',
          label: t('common.language'),
          type: 'select',
          options: [
            { value: 'fr', label: 'Français' },
            { value: 'en', label: 'English' },
          ],
        },
        { name: 'vehicles.0.name', label: t('setup.vehicleName') },
        {
          name: 'vehicles.0.mode',
          label: t('setup.mode'),
          type: 'select',
          options: ['road', 'rail', 'sea', 'air'].map((value) => ({ value, label: t(`modes.${value}`) })),
        },
        { name: 'vehicles.0.capacityKg', label: t('setup.capacityKg'), type: 'number' },
      ],
      submit: (body) => post(api.POST('/transport-organisers', { body: body as never })),
    },
    {
      key: 'products',
      done: state.products.length > 0,
      summary: names(state.products),
      fields: [
        { name: 'name', label: t('setup.productName') },
        { name: 'hsCode', label: t('setup.hsCode'), hint: '151590' },
        { name: 'unit', label: t('setup.unit'), initial: '1 l' },
        { name: 'unitNetKg', label: t('setup.unitNetKg'), type: 'number' },
        { name: 'unitGrossKg', label: t('setup.unitGrossKg'), type: 'number' },
        { name: 'category', label: t('setup.category') },
      ],
      submit: (body) => post(api.POST('/products', { body: body as never })),
    },
    {
      key: 'season',
      done: !!season,
      blocked: !p || state.pickupPoints.length === 0 || state.organisers.length === 0,
      summary: season ? `${season.name} (${season.firstMonth} → ${season.lastMonth})` : t('admin.nothingYet'),
      fields: [
        { name: 'name', label: t('setup.seasonName') },
        {
          name: 'producerTerritoryId',
          label: t('setup.producerTerritory'),
          type: 'select',
          options: ofPartnership,
          initial: p?.territoryIds[0],
        },
        {
          name: 'consumerTerritoryId',
          label: t('setup.consumerTerritory'),
          type: 'select',
          options: ofPartnership,
          initial: p?.territoryIds[1],
        },
        { name: 'firstMonth', label: t('setup.firstMonth'), type: 'month', initial: nextYearMonth(2) },
        { name: 'lastMonth', label: t('setup.lastMonth'), type: 'month', initial: nextYearMonth(7) },
        { name: 'currency', label: t('setup.currency'), initial: 'EUR' },
        { name: 'exchangeRate', label: t('setup.exchangeRate'), type: 'number', initial: '10.8' },
        {
          name: 'pickupPointId',
          label: t('setup.pickupName'),
          type: 'select',
          options: state.pickupPoints.map((pp) => ({ value: pp.id, label: pp.name })),
        },
        {
          name: 'organiser',
          label: t('setup.organiserName'),
          type: 'select',
          options: state.organisers.map((o) => ({ value: o.id, label: o.name })),
        },
        { name: 'calendar.lockDay', label: t('setup.lockDay'), type: 'number', initial: '10' },
        {
          name: 'calendar.confirmationDays',
          label: t('setup.confirmationDays'),
          type: 'number',
          initial: '5',
        },
        { name: 'calendar.loadingDay', label: t('setup.loadingDay'), type: 'number', initial: '1' },
      ],
      submit: (body, v) => {
        const { organiser: _organiser, ...rest } = body;
        return post(
          api.POST('/seasons', {
            body: { ...rest, partnershipId: p!.id, transportOrganiserIds: [v.organiser] } as never,
          }),
        );
      },
    },
    {
      key: 'offers',
      done: state.offers.length > 0,
      blocked: !season || state.cooperatives.length === 0 || state.products.length === 0,
      summary:
        state.offers.map((o) => `${o.product.name} · ${o.cooperative.name}`).join(', ') ||
        t('admin.nothingYet'),
      fields: [
        {
          name: 'cooperativeId',
          label: t('setup.cooperativeName'),
          type: 'select',
          options: state.cooperatives.map((c) => ({ value: c.id, label: c.name })),
        },
        {
          name: 'productId',
          label: t('setup.productName'),
          type: 'select',
          options: state.products.map((pr) => ({ value: pr.id, label: pr.name })),
        },
        {
          name: 'unitPriceMinor',
          label: t('setup.unitPriceMinor'),
          type: 'number',
          hint: t('setup.minorHint'),
        },
        { name: 'packSize', label: t('setup.packSize'), type: 'number', initial: '6' },
        { name: 'monthlyCapacity', label: t('setup.monthlyCapacity'), type: 'number' },
      ],
      submit: (body) =>
        post(api.POST('/seasons/{id}/offers', { params: { path: { id: season!.id } }, body: body as never })),
    },
    {
      key: 'enrolments',
      done: state.enrolled.length > 0,
      blocked: !season || state.groups.length === 0,
      summary: names(state.enrolled),
      fields: [
        {
          name: 'consumerGroupId',
          label: t('setup.groupName'),
          type: 'select',
          options: state.groups
            .filter((g) => !state.enrolled.some((e) => e.consumerGroupId === g.id))
            .map((g) => ({ value: g.id, label: g.name })),
        },
      ],
      submit: (body) =>
        post(api.POST('/seasons/{id}/groups', { params: { path: { id: season!.id } }, body: body as never })),
    },
    {
      key: 'invitations',
      done: state.invitations.length > 0,
      blocked: state.groups.length === 0 && state.cooperatives.length === 0,
      summary:
        state.invitations.map((i) => `${i.email} (${t(`roles.${i.role}`)})`).join(', ') ||
        t('admin.nothingYet'),
      fields: [
        { name: 'email', label: t('fields.email'), type: 'email' },
        {
          name: 'who',
          label: t('setup.inviteWho'),
          type: 'select',
          options: [
            ...state.groups.map((g) => ({
              value: `coordinator:${g.id}`,
              label: `${t('roles.coordinator')} · ${g.name}`,
            })),
            ...state.cooperatives.map((c) => ({
              value: `cooperative:${c.id}`,
              label: `${t('roles.cooperative')} · ${c.name}`,
            })),
            ...state.organisers.map((o) => ({
              value: `transporter:${o.id}`,
              label: `${t('roles.transporter')} · ${o.name}`,
            })),
          ],
        },
      ],
      submit: (_body, v) => {
        const [role, id] = v.who.split(':');
        const link = {
          coordinator: 'consumerGroupId',
          cooperative: 'cooperativeId',
          transporter: 'transportOrganiserId',
        }[role];
        return post(
          api.POST('/invitations', { body: { email: v.email, role, [link as string]: id } as never }),
        );
      },
    },
  ];
}

/**
 * One step: what exists already, and its form — open when it is the step to do now, behind
 * "open this step" / "add another" otherwise (the partnership itself is made once).
 */
function StepSection({ step, open, onSaved }: { step: Step; open: boolean; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  // Once saved, the step may be done and no longer the one to do: it stays open (and its form
  // mounted, in the same place) so the person reads "Saved" and can add another.
  const [saved, setSaved] = useState(false);
  const closed = step.blocked && !step.done;
  return (
    <section id={`step-${step.key}`} className="card" aria-labelledby={`${step.key}-title`}>
      <h2 id={`${step.key}-title`}>
        <Icon name={step.done ? 'check' : 'clock'} /> {t(`setup.steps.${step.key}`)}
      </h2>
      <p className="muted">{step.summary}</p>
      {closed ? (
        <p>{t('setup.blocked')}</p>
      ) : (
        !(step.key === 'partnership' && step.done) && (
          <details open={open || saved}>
            <summary>{t(step.done ? 'setup.addAnother' : 'setup.openStep')}</summary>
            <StepForm
              id={step.key}
              fields={step.fields}
              submitLabel={t('setup.save')}
              onSubmit={async (values) => {
                await step.submit(bodyOf(step.fields, values), values);
                setSaved(true);
                await onSaved();
              }}
            />
          </details>
        )
      )}
    </section>
  );
}

/**
 * A partnership from nothing, in guided steps. Where it stands comes from the API each time
 * (?partnership= names it), so a person can leave and resume on any device.
 */
export default function SetupWizard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { search } = useLocation();
  const partnershipId = search.get('partnership');
  const state = useSetupState(partnershipId);
  if (!state.data) return <Pending queries={[state]} part />;
  const steps = stepsOf(state.data, t);
  const current = steps.find((step) => !step.done && !step.blocked)?.key;
  const refresh = () => client.invalidateQueries({ queryKey: ['setup'] });
  return (
    <>
      <h1 tabIndex={-1}>
        {state.data.partnership
          ? t('setup.titleOf', { name: isolate(state.data.partnership.name) })
          : t('setup.title')}
      </h1>
      <p>{t('setup.intro')}</p>
      <ol className="steps" aria-label={t('setup.progress')}>
        {steps.map((step) => (
          <li key={step.key} className={step.done ? 'step-done' : ''}>
            <a href={`#step-${step.key}`}>
              <Icon name={step.done ? 'check' : 'clock'} /> {t(`setup.steps.${step.key}`)}{' '}
              <span className="muted">({t(step.done ? 'setup.done' : 'setup.todo')})</span>
            </a>
          </li>
        ))}
      </ol>
      {steps.map((step) => (
        <StepSection key={step.key} step={step} open={step.key === current} onSaved={refresh} />
      ))}
      {state.data.partnership && (
        <p className="actions">
          <Link
            className="button-link secondary"
            to={`/admin/partnerships/${state.data.partnership.id}/charter`}
          >
            {t('admin.charterAction')}
          </Link>
          <Link className="button-link secondary" to="/admin">
            {t('admin.backHome')}
          </Link>
        </p>
      )}
    </>
  );
}
