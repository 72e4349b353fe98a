import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { OnJob } from '../../src/queue/job-handler.decorator';
import { JobName } from '../../src/queue/jobs';
import { WorkerHost } from '../../src/queue/worker-host';
import { startTestApp, unique, type TestApp } from '../support/test-app';

type Handlers = Map<JobName, (payload: unknown, job: Job) => Promise<unknown>>;

/** A WorkerHost over a given set of provider instances; the check happens before any worker starts. */
function hostOver(instances: object[]): WorkerHost {
  const discovery = {
    getProviders: () => instances.map((instance) => ({ instance })),
  } as unknown as DiscoveryService;
  return new WorkerHost({} as AppConfig, discovery, new MetadataScanner(), new Reflector());
}

class EmailOnly {
  @OnJob(JobName.SendEmail)
  async send(): Promise<void> {}
}

describe('WorkerHost handler check', () => {
  it('refuses to start while a job has no handler, naming each missing one', () => {
    expect(() => hostOver([new EmailOnly()]).onApplicationBootstrap()).toThrow(
      `No handler for jobs: ${Object.values(JobName)
        .filter((name) => name !== JobName.SendEmail)
        .join(', ')}`,
    );
  });

  it('refuses two handlers for one job', () => {
    expect(() => hostOver([new EmailOnly(), new EmailOnly()]).onApplicationBootstrap()).toThrow(
      `Two handlers for job ${JobName.SendEmail}`,
    );
  });

  describe('in the application', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ queuePrefix: unique('nt') });
    });
    afterAll(() => t.close());

    it('finds the notifications service as the handler of both delivery jobs', async () => {
      const host = new WorkerHost(
        t.app.get<AppConfig>(APP_CONFIG),
        new DiscoveryService(t.app.get(ModulesContainer)),
        new MetadataScanner(),
        new Reflector(),
      );
      const handlers = (host as unknown as { findHandlers(): Handlers }).findHandlers();
      expect(handlers.has(JobName.SendEmail)).toBe(true);
      expect(handlers.has(JobName.SendWebhook)).toBe(true);
      // Routed to the service: an unknown notification is a quiet no-op, not an error.
      const service = t.app.get(NotificationsService);
      expect(service).toBeDefined();
      await expect(
        handlers.get(JobName.SendEmail)!(
          { notificationId: '00000000-0000-4000-8000-000000000000' },
          {} as Job,
        ),
      ).resolves.toBeUndefined();
    });
  });
});
