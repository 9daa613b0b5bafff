/**
 * A compile-time check that a contract's inferred type and the type the code computes are the same,
 * so a schema cannot drift from the domain type it describes: `sameType<A, B>(true)` fails to compile otherwise.
 */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

/** `true` only compiles when A and B (ignoring readonly) are the same type. */
export const sameType = <A, B>(ok: Equal<Mutable<A>, Mutable<B>>): void => void ok;
