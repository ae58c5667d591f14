/** The original provider's model names, and the aliases people type. */

export const MODELS = ['gpt-4', 'gpt-4o', 'gpt-4o-mini'] as const;
export const DEFAULT_MODEL = 'gpt-4o';

const ALIASES: Record<string, (typeof MODELS)[number]> = {
  gpt4: 'gpt-4',
  'gpt-4-turbo': 'gpt-4',
  '4': 'gpt-4',
  gpt4o: 'gpt-4o',
  '4o': 'gpt-4o',
  'gpt-4-o': 'gpt-4o',
  'chatgpt-4o-latest': 'gpt-4o',
  'gpt4o-mini': 'gpt-4o-mini',
  'gpt-4o-mini-2024-07-18': 'gpt-4o-mini',
  '4o-mini': 'gpt-4o-mini',
  mini: 'gpt-4o-mini',
};

/** A known model name for `name` (empty → the default); an unknown name is an Error listing the models. */
export function resolveModel(name?: string): string {
  const wanted = (name ?? '').trim().toLowerCase();
  if (wanted === '') return DEFAULT_MODEL;
  if ((MODELS as readonly string[]).includes(wanted)) return wanted;
  const alias = ALIASES[wanted];
  if (alias !== undefined) return alias;
  throw new Error(`Unknown model "${name}". Models: ${MODELS.join(', ')}.`);
}
