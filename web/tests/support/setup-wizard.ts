import type { Locator, Page } from '@playwright/test';
import { expect, expectServerSays, isolated, say, type Language } from './fixtures';
import type en from '../../src/i18n/en.json';

type Catalogue = typeof en;

/** What a partnership set up through the wizard is called, so a test can find it again. */
export interface WizardPartnership {
  tag: string;
  producer: string;
  consumer: string;
  partnership: string;
  group: string;
  cooperative: string;
  cooperativeEmail: string;
  pickup: string;
  organiser: string;
  organiserEmail: string;
  season: string;
}

export function wizardNames(tag: string): WizardPartnership {
  return {
    tag,
    producer: `Commune d'essai ${tag}`,
    consumer: `Quartier d'essai ${tag}`,
    partnership: `Partenariat d'essai ${tag}`,
    group: `GASAP d'essai ${tag}`,
    cooperative: `Coopérative du test ${tag}`,
    cooperativeEmail: `coop-${tag}@wizard.example`,
    pickup: `Entrepôt ${tag}`,
    organiser: `Transports du test ${tag}`,
    organiserEmail: `carrier-${tag}@wizard.example`,
    season: `Saison ${tag}`,
  };
}

/** A step of the wizard: its section, named by its heading. */
export const step = (page: Page, text: Catalogue, key: keyof Catalogue['setup']['steps']) =>
  page.getByRole('region', { name: text.setup.steps[key], exact: true });

/** The step's form, opened from behind its summary when it is not the step to do now. */
async function open(section: Locator): Promise<Locator> {
  const form = section.getByRole('form');
  if (!(await form.isVisible())) await section.locator('summary').click();
  await expect(form).toBeVisible();
  return form;
}

async function save(section: Locator, text: Catalogue): Promise<void> {
  await section.getByRole('button', { name: text.setup.save }).click();
  await expect(section.getByRole('status')).toHaveText(text.admin.stepSaved);
}

/** Territories, partnership, charter and a consumer group; the API refuses two values on their field. */
export async function wizardFirstHalf(page: Page, text: Catalogue, n: WizardPartnership): Promise<void> {
  await page.goto('/admin');
  await page.getByRole('link', { name: text.admin.newPartnership }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.setup.title);

  const territories = step(page, text, 'territories');
  for (const [name, country, zone, currency] of [
    [n.producer, 'MA', 'Africa/Casablanca', 'MAD'],
    [n.consumer, 'BE', 'Europe/Brussels', 'EUR'],
  ]) {
    const form = await open(territories);
    await form.getByLabel(text.setup.territoryName, { exact: true }).fill(name);
    await form.getByLabel(text.setup.countryCode, { exact: true }).fill(country);
    await form.getByLabel(text.setup.timezone, { exact: true }).fill(zone);
    await form.getByLabel(text.setup.currency, { exact: true }).fill(currency);
    await save(territories, text);
  }

  const partnership = step(page, text, 'partnership');
  await partnership.getByLabel(text.setup.partnershipName, { exact: true }).fill(n.partnership);
  await partnership
    .getByLabel(text.setup.producerTerritory, { exact: true })
    .selectOption({ label: `${n.producer} (MA)` });
  await partnership
    .getByLabel(text.setup.consumerTerritory, { exact: true })
    .selectOption({ label: `${n.consumer} (BE)` });
  await partnership.getByRole('button', { name: text.setup.save }).click();
  await expect(page).toHaveURL(/\/admin\/setup\?partnership=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    say(text.setup.titleOf, { name: isolated(n.partnership) }),
  );

  // A partnership starts with a charter of no rules (version 1): the step is done, and open to change.
  const charter = step(page, text, 'charter');
  await open(charter);
  const exportShare = charter.getByLabel(new RegExp(`^${text.rules.maxExportShare}`));
  await exportShare.fill('1.5');
  await charter.getByRole('button', { name: text.setup.save }).click();
  await expectServerSays(exportShare, text, 'max', { max: '1' });
  await exportShare.fill('0.8');
  await save(charter, text);

  const groups = step(page, text, 'groups');
  await groups.getByLabel(text.setup.groupName, { exact: true }).fill(n.group);
  await groups.getByLabel(text.fields.email, { exact: true }).fill(`group-${n.tag}@wizard.example`);
  await groups.getByLabel(text.setup.dropPointName, { exact: true }).fill(`Salle ${n.tag}`);
  await groups.getByLabel(text.setup.address, { exact: true }).fill('Rue de l’Essai 1, 1090 Jette');
  const latitude = groups.getByLabel(text.setup.latitude, { exact: true });
  await latitude.fill('200');
  await groups.getByLabel(text.setup.longitude, { exact: true }).fill('4.33');
  await groups.getByRole('button', { name: text.setup.save }).click();
  await expectServerSays(latitude, text, 'max', { max: '90' });
  // The rest of what was typed is still there.
  await expect(groups.getByLabel(text.setup.groupName, { exact: true })).toHaveValue(n.group);
  await latitude.fill('50.88');
  await save(groups, text);
}

/** Cooperative, pickup point, transport organiser, season, offer, enrolment, invitation. */
export async function wizardSecondHalf(
  page: Page,
  text: Catalogue,
  n: WizardPartnership,
  productName: string,
): Promise<void> {
  const cooperatives = step(page, text, 'cooperatives');
  await cooperatives.getByLabel(text.setup.cooperativeName, { exact: true }).fill(n.cooperative);
  await cooperatives.getByLabel(text.fields.email, { exact: true }).fill(n.cooperativeEmail);
  await cooperatives.getByLabel(text.setup.localSalesShare, { exact: true }).fill('0.6');
  await cooperatives.getByLabel(text.setup.certificateBody, { exact: true }).fill('Ecocert');
  await cooperatives.getByLabel(text.setup.certificateNumber, { exact: true }).fill(`MA-BIO-${n.tag}`);
  await cooperatives.getByLabel(text.setup.validFrom, { exact: true }).fill('2020-01-01');
  await cooperatives.getByLabel(text.setup.validTo, { exact: true }).fill('2040-12-31');
  await save(cooperatives, text);

  const pickup = step(page, text, 'pickup');
  await pickup.getByRole('textbox', { name: text.setup.pickupName, exact: true }).fill(n.pickup);
  await pickup.getByLabel(text.setup.address, { exact: true }).fill('Douar Tighanimine, Aït Ourir');
  await pickup.getByLabel(text.setup.latitude, { exact: true }).fill('31.56');
  await pickup.getByLabel(text.setup.longitude, { exact: true }).fill('-7.66');
  await save(pickup, text);

  const organisers = step(page, text, 'organisers');
  const carrier = await open(organisers);
  await carrier.getByLabel(text.setup.organiserName, { exact: true }).fill(n.organiser);
  await carrier.getByLabel(text.fields.email, { exact: true }).fill(n.organiserEmail);
  await carrier.getByLabel(text.setup.vehicleName, { exact: true }).fill('Camion 12 t');
  await carrier.getByLabel(text.setup.capacityKg, { exact: true }).fill('12000');
  await save(organisers, text);

  const season = step(page, text, 'season');
  await season.getByLabel(text.setup.seasonName, { exact: true }).fill(n.season);
  await season.getByLabel(text.setup.organiserName, { exact: true }).selectOption({ label: n.organiser });
  await save(season, text);

  const offers = step(page, text, 'offers');
  await offers.getByLabel(text.setup.productName, { exact: true }).selectOption({ label: productName });
  await offers.getByLabel(text.setup.unitPriceMinor, { exact: true }).fill('1250');
  await offers.getByLabel(text.setup.monthlyCapacity, { exact: true }).fill('1000');
  await save(offers, text);

  const enrolments = step(page, text, 'enrolments');
  await enrolments.getByLabel(text.setup.groupName, { exact: true }).selectOption({ label: n.group });
  await save(enrolments, text);

  const invitations = step(page, text, 'invitations');
  const invite = await open(invitations);
  await invite
    .getByLabel(text.fields.email, { exact: true })
    .fill(n.cooperativeEmail.replace('coop-', 'coop-user-'));
  await invite
    .getByLabel(text.setup.inviteWho, { exact: true })
    .selectOption({ label: `${text.roles.cooperative} · ${n.cooperative}` });
  await save(invitations, text);
  const inviteCarrier = await open(invitations);
  await inviteCarrier
    .getByLabel(text.fields.email, { exact: true })
    .fill(n.organiserEmail.replace('carrier-', 'carrier-user-'));
  await inviteCarrier
    .getByLabel(text.setup.inviteWho, { exact: true })
    .selectOption({ label: `${text.roles.transporter} · ${n.organiser}` });
  await save(invitations, text);
}

export type { Language };
