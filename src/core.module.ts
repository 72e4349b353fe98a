import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { RedisModule } from './redis/redis.module';

const ON_SHUTDOWN = Symbol('ON_SHUTDOWN');

/** Stops what start-up provided outside Nest (embedded PostgreSQL and Redis) once the app has closed. */
@Injectable()
class ShutdownHook implements OnApplicationShutdown {
  constructor(@Inject(ON_SHUTDOWN) private readonly onShutdown: () => Promise<void>) {}

  async onApplicationShutdown(): Promise<void> {
    await this.onShutdown();
  }
}

/** Configuration, PostgreSQL and Redis: what every role of the process needs. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, onShutdown: () => Promise<void> = async () => undefined): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.databaseUrl, config.dbPoolSize),
          autoLoadEntities: true,
        }),
        RedisModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ON_SHUTDOWN, useValue: onShutdown },
        ShutdownHook,
      ],
      exports: [APP_CONFIG],
    };
  }
}
