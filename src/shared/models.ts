/** The models of the original provider; the site may still decide which model answers. */
export const MODELS = ['gpt-4', 'gpt-4o', 'gpt-4o-mini'] as const;
export type ModelName = (typeof MODELS)[number];
export const DEFAULT_MODEL: ModelName = 'gpt-4o';

export function isModelName(value: unknown): value is ModelName {
  return typeof value === 'string' && (MODELS as readonly string[]).includes(value);
}
