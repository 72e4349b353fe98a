import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];
/** A class whose instances are validated (class-validator types it as Function). */
type ValidatedClass = Parameters<Lookup>[0];

const remembered = Symbol('proxima.validationMetadataRemembered');

/**
 * class-validator looks up the rules of a class again for every object it validates, and each
 * lookup tests every decorated class of the application for inheritance
 * (typestack/class-validator#2686). A pledge PUT validates 11 objects: the lookups were a
 * tenth of the API's CPU (docs/PERFORMANCE.md). This remembers each answer.
 *
 * The answer cannot change once asked: a class's rules and its ancestors' are registered by
 * their decorators when the classes are defined, before any instance of it exists to validate.
 * (Rules registered later with registerDecorator on an existing class would not be seen; the
 * application does not do that.) Keyed by the class in a WeakMap, then by the options.
 * Idempotent: the storage is global and is wrapped once.
 */
export function rememberValidationMetadata(): void {
  const storage = getMetadataStorage() as MetadataStorage & { [remembered]?: true };
  if (storage[remembered]) return;
  const lookUp: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const answers = new WeakMap<ValidatedClass, Map<string, ReturnType<Lookup>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${(groups ?? []).join('\u0000')}`;
    let byOptions = answers.get(target);
    if (!byOptions) answers.set(target, (byOptions = new Map()));
    let answer = byOptions.get(key);
    if (!answer) byOptions.set(key, (answer = lookUp(target, schema, always, strictGroups, groups)));
    return answer;
  };
  storage[remembered] = true;
}
