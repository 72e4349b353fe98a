import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { createValidationPipe } from './common/http/validation.pipe';
import { HttpExceptionFilter } from './common/http/http-exception.filter';
import type { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { apiFeatures, workerFeatures } from './features';

/** The HTTP API: feature controllers, one validation pipe, one error filter. */
@Module({})
export class ApiModule {
  static register(): DynamicModule {
    return {
      module: ApiModule,
      imports: apiFeatures,
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}

/** Queue workers and the cycle clock. */
@Module({})
export class WorkerModule {
  static register(): DynamicModule {
    return { module: WorkerModule, imports: workerFeatures };
  }
}

/** The root module for a role: `api`, `worker`, or `all` (both in one process). */
@Module({})
export class AppModule {
  static forRole(config: AppConfig, onShutdown?: () => Promise<void>): DynamicModule {
    const roleModules = [];
    if (config.role !== 'worker') roleModules.push(ApiModule.register());
    if (config.role !== 'api') roleModules.push(WorkerModule.register());
    return { module: AppModule, imports: [CoreModule.forRoot(config, onShutdown), ...roleModules] };
  }
}
