import { BadRequestException } from '@nestjs/common';
import { UuidParamPipe } from './uuid-param.pipe';

describe('UuidParamPipe', () => {
  const pipe = new UuidParamPipe();
  const param = (data: string) => ({ type: 'param' as const, data });

  it('passes a UUID through unchanged, in either case', async () => {
    const id = '3f1c7a52-9b0e-4d2a-8f6e-1c2b3a4d5e6f';
    await expect(pipe.transform(id, param('id'))).resolves.toBe(id);
    await expect(pipe.transform(id.toUpperCase(), param('id'))).resolves.toBe(id.toUpperCase());
  });

  it.each([['not-a-uuid'], [''], ['3f1c7a52-9b0e-4d2a-8f6e-1c2b3a4d5e6'], [42], [undefined]])(
    'answers 400 naming the parameter for %p',
    async (value) => {
      const refused = pipe.transform(value, param('seasonId'));
      await expect(refused).rejects.toBeInstanceOf(BadRequestException);
      await expect(refused).rejects.toThrow('seasonId must be a UUID');
    },
  );
});
