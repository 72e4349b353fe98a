import type { ReactNode } from 'react';

export interface FigureTile {
  label: string;
  value: ReactNode;
  /** said in the error colour as well as in words beside the tiles (a figure above its cap) */
  over?: boolean;
}

/** Big figures side by side, each under its name: for a reader who reads numbers more easily. */
export function FigureTiles({ tiles }: { tiles: FigureTile[] }) {
  return (
    <dl className="tiles">
      {tiles.map((tile) => (
        <div key={tile.label} className={tile.over ? 'over' : undefined}>
          <dt>{tile.label}</dt>
          <dd className="big number">{tile.value}</dd>
        </div>
      ))}
    </dl>
  );
}
