import { SetMetadata } from '@nestjs/common';
import type { JobName } from './jobs';

export const JOB_HANDLER_KEY = 'proxima:job-handler';

/** Marks a provider method as the handler of a job; the worker host finds it at start. */
export const OnJob = (name: JobName) => SetMetadata(JOB_HANDLER_KEY, name);
