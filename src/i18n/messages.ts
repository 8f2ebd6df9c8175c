import { zhCN } from './zh-CN.ts';

/**
 * The shape every language of a catalogue must provide: the keys of its zh-CN source, each a
 * string or a function taking the same parameters. The app's own catalogue is one; features that
 * load late (the planner view) bring their own, so their words stay out of the first paint.
 */
export type CatalogueShape<Source> = {
  [Key in keyof Source]: Source[Key] extends (parameters: infer Parameters) => string ? (parameters: Parameters) => string : string;
};
type PlainKeyOf<Shape> = { [Key in keyof Shape]: Shape[Key] extends string ? Key : never }[keyof Shape];
type ParametersOf<Shape, Key extends keyof Shape> = Shape[Key] extends (parameters: infer Parameters) => string ? Parameters : never;

/** A translate function over one catalogue. */
export interface TranslateFor<Shape> {
  <Key extends PlainKeyOf<Shape>>(key: Key): string;
  <Key extends Exclude<keyof Shape, PlainKeyOf<Shape>>>(key: Key, parameters: ParametersOf<Shape, Key>): string;
}

export type Messages = CatalogueShape<typeof zhCN>;
export type MessageKey = keyof Messages;
export type PlainKey = PlainKeyOf<Messages>;
export type ParameterKey = Exclude<MessageKey, PlainKey>;

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Translate = TranslateFor<Messages>;
