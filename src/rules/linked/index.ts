/**
 * The `linked` family: credentials that leak beside an AI key and must be rotated with it. Reported as
 * findings of their own kind; keyguard never verifies or rotates them (see `fail-on-linked`).
 */
import type { Rule } from '../types.js';
import { cloudRules } from './cloud.js';
import { databaseRules } from './database.js';
import { keyRules } from './keys.js';
import { tokenRules } from './tokens.js';

export const linkedRules: Rule[] = [...cloudRules, ...tokenRules, ...keyRules, ...databaseRules];
