import type { ArgumentsHost } from '@nestjs/common';
import { NotFoundException } from '@nestjs/common';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { HttpExceptionFilter } from './http-exception.filter';

/** The status and body the filter sends for an exception. */
function render(exception: unknown): { status: number; body: { statusCode: number; message: string } } {
  const sent: { status: number; body: { statusCode: number; message: string } } = {
    status: 0,
    body: { statusCode: 0, message: '' },
  };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    send(body: { statusCode: number; message: string }) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  const filter = new HttpExceptionFilter();
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
  filter.catch(exception, host);
  return sent;
}

function queryFailed(driverError: Error & { code?: string }): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], driverError);
}

describe('HttpExceptionFilter', () => {
  it.each([
    [
      'a terminated backend (57P01)',
      queryFailed(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ],
    ['a connection lost mid-query (no code)', queryFailed(new Error('Connection terminated unexpectedly'))],
    ['a transaction whose connection was released by the failure', new QueryRunnerAlreadyReleasedError()],
    ['a statement on a released connection', new QueryRunnerProviderAlreadyReleasedError()],
    ['a refused connection', new Error('connect ECONNREFUSED 127.0.0.1:5432')],
  ])('answers 503 for %s', (_, exception) => {
    expect(render(exception)).toEqual({
      status: 503,
      body: expect.objectContaining({ statusCode: 503, error: 'Service Unavailable' }),
    });
  });

  it('answers a generic 500 for any other database error', () => {
    const sent = render(queryFailed(Object.assign(new Error('syntax error'), { code: '42601' })));
    expect(sent.status).toBe(500);
    expect(sent.body.message).toBe('Internal server error');
  });

  it('keeps the status of an HttpException', () => {
    expect(render(new NotFoundException('cycle not found')).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'cycle not found',
    });
  });
});
