import { zhCN } from './zh-CN.ts';

type Source = typeof zhCN;
/** The shape every language must provide: same keys, same parameters as the zh-CN source. */
export type Messages = {
  [Key in keyof Source]: Source[Key] extends (parameters: infer Parameters) => string ? (parameters: Parameters) => string : string;
};
export type MessageKey = keyof Messages;
type ParametersOf<Key extends MessageKey> = Messages[Key] extends (parameters: infer Parameters) => string ? Parameters : never;
/** Keys whose message takes no parameters, and those that do. */
export type PlainKey = { [Key in MessageKey]: Messages[Key] extends string ? Key : never }[MessageKey];
export type ParameterKey = Exclude<MessageKey, PlainKey>;

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Translate {
  <Key extends PlainKey>(key: Key): string;
  <Key extends ParameterKey>(key: Key, parameters: ParametersOf<Key>): string;
}
