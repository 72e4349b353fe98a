import type { NewNotification } from '../notifications/notification.types';
import type { ManifestRecipient } from './manifests.repository';
import type { Manifest } from './domain/manifest.types';

const SUBJECTS = {
  en: (m: Manifest) =>
    `Transport manifest ${m.number} (version ${m.version}): ${m.season.name}, ${m.cycleMonth}`,
  fr: (m: Manifest) =>
    `Manifeste de transport ${m.number} (version ${m.version}) : ${m.season.name}, ${m.cycleMonth}`,
};

const BODIES = {
  en: (m: Manifest) =>
    [
      `Please find attached manifest ${m.number}, version ${m.version}.`,
      `Loading: ${m.loading.pickupPoint.name}, ${m.loading.date}. Vehicle: ${m.carrier.vehicle.name} (${m.carrier.vehicle.mode}).`,
      `${m.stops.length} stops, ${m.totals.packages} packages, ${m.totals.grossKg} kg gross, ${m.distanceKm} km.`,
    ].join('\n'),
  fr: (m: Manifest) =>
    [
      `Veuillez trouver ci-joint le manifeste ${m.number}, version ${m.version}.`,
      `Chargement : ${m.loading.pickupPoint.name}, le ${m.loading.date}. Véhicule : ${m.carrier.vehicle.name} (${m.carrier.vehicle.mode}).`,
      `${m.stops.length} arrêts, ${m.totals.packages} colis, ${m.totals.grossKg} kg brut, ${m.distanceKm} km.`,
    ].join('\n'),
};

/**
 * The messages that carry a manifest to its transport organiser: an email with the PDF, and a
 * signed webhook with the JSON where the organiser has a webhook URL. The dedupe keys name the
 * manifest version, so a stage or a re-issue that runs again sends nothing twice.
 */
export function manifestNotifications(
  manifestId: string,
  cycleId: string,
  manifest: Manifest,
  pdf: Buffer,
  to: ManifestRecipient,
): NewNotification[] {
  const base = {
    cycleId,
    recipientType: 'transport_organiser' as const,
    recipientId: to.transportOrganiserId,
  };
  const messages: NewNotification[] = [
    {
      ...base,
      dedupeKey: `manifest-${manifestId}-email`,
      channel: 'email',
      target: to.contactEmail,
      payload: {
        subject: SUBJECTS[manifest.locale](manifest),
        text: BODIES[manifest.locale](manifest),
        attachments: [
          {
            filename: `${manifest.number}-v${manifest.version}.pdf`,
            contentType: 'application/pdf',
            contentBase64: pdf.toString('base64'),
          },
        ],
      },
    },
  ];
  if (to.webhookUrl) {
    messages.push({
      ...base,
      dedupeKey: `manifest-${manifestId}-webhook`,
      channel: 'webhook',
      target: to.webhookUrl,
      payload: {
        event: 'manifest.issued',
        body: { event: 'manifest.issued', manifest: manifest as unknown as Record<string, unknown> },
      },
    });
  }
  return messages;
}
