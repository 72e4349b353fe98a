import type { CharterViolationFacts } from './charter-rules.types';
import type { TransportViolationFacts } from './transport-rules';

/** Every rule's facts, by its name: the lock-time charter rules' and the transport rules' at dispatch. */
export type ViolationFactsByRule = CharterViolationFacts & TransportViolationFacts;

/** The facts of a violation of some rule, as stored with it (cycle_violations.facts). */
export type ViolationFacts = ViolationFactsByRule[keyof ViolationFactsByRule];
