/** The interface's own catalog (header, panels, measures …); the mechanism is client/i18n/catalog.ts. */
import { defineCatalog } from './catalog.ts';
import { en } from './en.ts';
import { zh, type MessageKey, type Messages } from './zh.ts';

export { fillParams, type MessageParams } from './catalog.ts';
export type { MessageKey, Messages };

export const messages = defineCatalog<MessageKey>(zh, en);
export const translate = messages.translate;
