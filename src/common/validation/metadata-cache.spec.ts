import { IsInt, IsString, Min, getMetadataStorage, validateSync } from 'class-validator';
import { rememberValidationMetadata } from './metadata-cache';

class Base {
  @IsString() name!: string;
}

class Child extends Base {
  @IsInt() @Min(1) quantity!: number;
}

class Grouped {
  @IsInt({ groups: ['strict'] }) value!: unknown;
}

const failed = (object: object, groups?: string[]) =>
  validateSync(object, groups ? { groups } : {}).map((error) => error.property);

describe('rememberValidationMetadata', () => {
  beforeAll(() => {
    rememberValidationMetadata();
    rememberValidationMetadata(); // idempotent
  });

  it('answers the same lookup from memory', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['name', 'quantity', 'quantity']);
  });

  it('still applies inherited rules, every time', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(failed(Object.assign(new Child(), { name: 3, quantity: 0 })).sort()).toEqual([
        'name',
        'quantity',
      ]);
      expect(failed(Object.assign(new Child(), { name: 'a', quantity: 2 }))).toEqual([]);
      expect(failed(Object.assign(new Base(), { name: 3, quantity: 0 }))).toEqual(['name']);
    }
  });

  it('keeps the answers of different groups apart', () => {
    const invalid = Object.assign(new Grouped(), { value: 'x' });
    expect(failed(invalid, ['strict'])).toEqual(['value']);
    expect(failed(invalid, ['lenient'])).toEqual([]);
    expect(failed(invalid, ['strict'])).toEqual(['value']);
  });
});
