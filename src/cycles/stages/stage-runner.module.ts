import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { CYCLE_STAGES, stageRegistry, type CycleStage } from './cycle-stage';
import { StageErrorsRepository } from './stage-errors';
import { StageRunner } from './stage-runner';

type ModuleImport = NonNullable<DynamicModule['imports']>[number];

/**
 * The stage runner over the stages it is given: `register` is called once, where the stages are
 * listed (src/features.ts). Global, so that the cycle API (which stages exist) and the worker
 * (which runs them) reach the runner without importing the features that provide the stages.
 */
@Module({})
export class StageRunnerModule {
  static register(options: { imports: ModuleImport[]; stages: Type<CycleStage>[] }): DynamicModule {
    return {
      module: StageRunnerModule,
      global: true,
      imports: options.imports,
      providers: [
        {
          provide: CYCLE_STAGES,
          useFactory: (...stages: CycleStage[]) => stageRegistry(stages),
          inject: options.stages,
        },
        StageRunner,
        StageErrorsRepository,
      ],
      exports: [StageRunner],
    };
  }
}
