import { CompatibilityLevel } from '@financial-data-mesh/plugin-data-mesh-common';

/** How a compatibility verdict is shown: one label and colour per level. */
export const VERDICT: Record<
  CompatibilityLevel,
  { label: string; color: string }
> = {
  FULL: { label: 'FULL: compatible both ways', color: '#1b5e20' },
  BACKWARD: {
    label: 'BACKWARD: new readers read old data',
    color: '#0d47a1',
  },
  FORWARD: { label: 'FORWARD: old readers read new data', color: '#0d47a1' },
  NONE: { label: 'BREAKING: neither way compatible', color: '#b71c1c' },
};
