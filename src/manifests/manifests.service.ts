import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { assertReach } from '../common/auth/ownership';
import { NotificationsService } from '../notifications/notifications.service';
import { manifestNotifications } from './manifest-delivery';
import { ManifestsRepository, type StoredManifest } from './manifests.repository';
import type { CsvOptions } from '../common/csv';
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
    const document = await this.manifests.assemble(m, shipmentId, number, version);
    const manifestId = await this.manifests.insert(m, shipmentId, document, issuedBy);
    const pdf = await manifestToPdf(document);
    const recipient = await this.manifests.recipient(m, shipmentId);
    return this.notifications.enqueueInTransaction(
      m,
      manifestNotifications(manifestId, cycleId, document, pdf, recipient),
    );
  }

  /** A new version of the manifest (the old ones are kept), sent again to the organiser. */
  async reissue(shipmentId: string, actor: Actor): Promise<Manifest> {
    const current = await this.visible(shipmentId, actor);
    const ids = await this.dataSource.transaction(async (m) => {
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
    const { document } = await this.visible(shipmentId, actor, version);
    return { name: `${document.number}-v${document.version}.pdf`, body: await manifestToPdf(document) };
  }

  private async visible(shipmentId: string, actor: Actor, version?: number): Promise<StoredManifest> {
    const manifest = await this.manifests.find(shipmentId, version);
    assertReach(actor, manifest && { transportOrganiserId: manifest.transportOrganiserId }, 'manifest');
    return manifest as StoredManifest;
  }
}
