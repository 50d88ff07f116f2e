/**
 * Sums the metrics of CloudWatch EMF lines as CloudWatch would, one sum
 * per metric and dimension set: `QualityWarnings` for the product's own
 * dimensions, `QualityWarnings{QualityRule=kyc-passed}` for one rule.
 */
export function sumMetrics(lines: readonly string[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const line of lines) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue; // not a metric line
    }
    const directives = (
      parsed._aws as
        | {
            CloudWatchMetrics?: Array<{
              Dimensions: string[][];
              Metrics: Array<{ Name: string }>;
            }>;
          }
        | undefined
    )?.CloudWatchMetrics;
    for (const directive of directives ?? []) {
      const extra = (directive.Dimensions[0] ?? [])
        .filter(
          dimension => dimension !== 'Domain' && dimension !== 'DataProduct',
        )
        .map(dimension => `${dimension}=${parsed[dimension]}`);
      for (const { Name } of directive.Metrics) {
        const key = extra.length > 0 ? `${Name}{${extra.join(',')}}` : Name;
        sums[key] = (sums[key] ?? 0) + Number(parsed[Name] ?? 0);
      }
    }
  }
  return sums;
}
