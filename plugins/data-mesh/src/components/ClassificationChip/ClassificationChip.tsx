import { Chip } from '@material-ui/core';
import { Classification } from '@financial-data-mesh/plugin-data-mesh-common';

// Colours rise with sensitivity; the label always says it in words too.
const COLORS: Record<Classification, { background: string; color: string }> = {
  public: { background: '#e8f5e9', color: '#1b5e20' },
  internal: { background: '#e3f2fd', color: '#0d47a1' },
  confidential: { background: '#fff3e0', color: '#8a3c00' },
  restricted: { background: '#ffebee', color: '#b71c1c' },
};

/** A data classification as a colour-coded badge. */
export function ClassificationChip(props: { classification?: Classification }) {
  const { classification } = props;
  if (!classification) {
    return <Chip size="small" label="unclassified" variant="outlined" />;
  }
  return (
    <Chip
      size="small"
      label={classification}
      style={COLORS[classification]}
      aria-label={`classification ${classification}`}
    />
  );
}
