import type { DataSource } from 'typeorm';

export async function seedDemoIfWanted(_dataSource: DataSource, _when: { embedded: boolean; wanted?: boolean }): Promise<string | null> {
  return null;
}
