import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { assertReach } from '../common/auth/ownership';
import { NotificationsService } from '../notifications/notifications.service';
import type { ManifestVersionDto } from './dto/manifest.dto';
import type { ShipmentDocumentsBody } from './dto/shipment-documents.dto';
import { manifestNotifications } from './manifest-delivery';
import { ManifestsRepository, type StoredManifest } from './manifests.repository';
import type { CsvOptions } from '../common/csv';
import { buildManifest } from './domain/build-manifest';
import { cmrToPdf } from './domain/cmr-pdf';
import { manifestToCsv } from './domain/manifest-csv';
import { manifestToPdf } from './domain/manifest-pdf';
import type { Manifest } from './domain/manifest.types';

@Injectable()
export class ManifestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly manifests: ManifestsRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Issues a version of a shipment's manifest inside the caller's transaction and puts its
   * delivery in the outbox; returns the notification ids to dispatch after the commit.
   */
  async issue(
    m: EntityManager,
    cycleId: string,
    shipmentId: string,
    number: string,
    version: number,
    issuedBy: string | null,
  ) {
    const rows = await this.manifests.manifestRows(m, shipmentId);
    const document = buildManifest(rows, { number, version, issuedAt: new Date() });
    const manifestId = await this.manifests.insert(m, shipmentId, document, issuedBy);
    const pdf = await manifestToPdf(document);
    await this.manifests.storePdf(m, manifestId, 'manifest', pdf);
    const recipient = await this.manifests.recipient(m, shipmentId);
    return this.notifications.enqueueInTransaction(
      m,
      manifestNotifications(manifestId, cycleId, document, pdf, recipient),
    );
  }

  /**
   * Records the shipment's border documents and re-issues its manifest as a new version with
   * them (admin, or the shipment's transporter).
   */
  async documents(shipmentId: string, body: ShipmentDocumentsBody, actor: Actor): Promise<Manifest> {
    await this.visible(shipmentId, actor);
    if (body.eur1Number && body.originDeclaration)
      throw new BadRequestException('eur1Number: give an EUR.1 number or an originDeclaration, not both');
    if (body.originDeclaration && !body.exporterRexNumber)
      throw new BadRequestException(
        "exporterRexNumber: an origin declaration needs the exporter's REX number",
      );
    const lines = await this.manifests.goodsLines(shipmentId);
    (body.certificates ?? []).forEach((c, index) => {
      if (!lines.has(`${c.cooperativeId}|${c.productId}`))
        throw new BadRequestException(
          `certificates.${index}: the shipment carries no goods of cooperative ${c.cooperativeId} and product ${c.productId}`,
        );
    });
    return this.reissue(shipmentId, actor, (m) =>
      this.manifests.saveDocuments(
        m,
        shipmentId,
        {
          eur1Number: body.eur1Number ?? null,
          originDeclaration: body.originDeclaration ?? null,
          exporterRexNumber: body.exporterRexNumber ?? null,
          phytosanitaryCertificateNumber: body.phytosanitaryCertificateNumber ?? null,
        },
        body.certificates ?? [],
        actor.userId,
      ),
    );
  }

  /** A new version of the manifest (the old ones are kept), sent again to the organiser. */
  async reissue(
    shipmentId: string,
    actor: Actor,
    before?: (m: EntityManager) => Promise<void>,
  ): Promise<Manifest> {
    const current = await this.visible(shipmentId, actor);
    const ids = await this.dataSource.transaction(async (m) => {
      if (before) await before(m);
      const next = await this.manifests.nextVersion(m, shipmentId);
      if (!next) throw new NotFoundException('manifest not found');
      const notificationIds = await this.issue(
        m,
        current.cycleId,
        shipmentId,
        next.number,
        next.version,
        actor.userId,
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        action: 'manifest.reissued',
        subjectType: 'shipment',
        subjectId: shipmentId,
        details: { number: next.number, version: next.version },
      });
      return notificationIds;
    });
    await this.notifications.dispatch(ids);
    return (await this.visible(shipmentId, actor)).document;
  }

  async json(shipmentId: string, actor: Actor, version?: number): Promise<Manifest> {
    return (await this.visible(shipmentId, actor, version)).document;
  }

  async csv(
    shipmentId: string,
    actor: Actor,
    version?: number,
    options: CsvOptions = {},
  ): Promise<{ name: string; body: string }> {
    const { document } = await this.visible(shipmentId, actor, version);
    return { name: `${document.number}-v${document.version}.csv`, body: manifestToCsv(document, options) };
  }

  async pdf(shipmentId: string, actor: Actor, version?: number): Promise<{ name: string; body: Buffer }> {
    const { id, document } = await this.visible(shipmentId, actor, version);
    const stored = await this.manifests.storedPdf(id, 'manifest');
    return {
      name: `${document.number}-v${document.version}.pdf`,
      body: stored ?? (await manifestToPdf(document)),
    };
  }

  /**
   * The CMR consignment notes of a manifest version (one per consignee), rendered on the first
   * request and kept: the version they are built from never changes.
   */
  async cmr(shipmentId: string, actor: Actor, version?: number): Promise<{ name: string; body: Buffer }> {
    const { id, document } = await this.visible(shipmentId, actor, version);
    let pdf = await this.manifests.storedPdf(id, 'cmr');
    if (!pdf) {
      pdf = await cmrToPdf(document);
      await this.manifests.storePdf(this.dataSource, id, 'cmr', pdf);
    }
    return { name: `CMR-${document.number}-v${document.version}.pdf`, body: pdf };
  }

  async versions(shipmentId: string, actor: Actor): Promise<ManifestVersionDto[]> {
    await this.visible(shipmentId, actor);
    const rows = await this.manifests.versions(shipmentId);
    return rows.map((row) => ({ ...row, issuedAt: new Date(row.issuedAt).toISOString() }));
  }

  private async visible(shipmentId: string, actor: Actor, version?: number): Promise<StoredManifest> {
    const manifest = await this.manifests.find(shipmentId, version);
    assertReach(actor, manifest && { transportOrganiserId: manifest.transportOrganiserId }, 'manifest');
    return manifest as StoredManifest;
  }
}
