// Shared shapes of request fields, for class-validator and class-transformer in every context.

/** Organisation ids: lower-case, digits and hyphens, e.g. `imatra`, `jarvi-saimaan-palvelut`. */
export const ORGANISATION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Options for IsNumber: no NaN, no Infinity (class-validator's maxDecimalPlaces breaks on 1e-7, so it is not used). */
export const FINITE_NUMBER = { allowNaN: false, allowInfinity: false };

type TransformArgs = { value: unknown };
export const trimString = ({ value }: TransformArgs) => (typeof value === 'string' ? value.trim() : value);
/** Query strings carry text: "12" → 12, anything else is left for the validator to refuse. */
export const queryInt = ({ value }: TransformArgs) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
export const queryBool = ({ value }: TransformArgs) => (value === 'true' ? true : value === 'false' ? false : value);
