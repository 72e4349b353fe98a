import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueService } from './queue.service';
import { WorkerHost } from './worker-host';

/** Producing jobs: every role. */
@Global()
@Module({ providers: [QueueService], exports: [QueueService] })
export class QueueModule {}

/** Consuming jobs: the worker role (and `all`). */
@Module({ imports: [DiscoveryModule], providers: [WorkerHost] })
export class WorkerHostModule {}
