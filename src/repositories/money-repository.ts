import type { Driver } from 'neo4j-driver';

import { ENTITY_LABELS } from '../model/graph-model.js';
import type { Queries } from '../neo4j/queries.js';
import { createTemplates } from '../neo4j/templates.js';
import { recordToObject } from '../neo4j/values.js';
import type { PartyType } from '../schemas/money.js';

export const MONEY_QUERIES = ['money/payments', 'money/parties'] as const;

/** The scope as the money queries' parameters: the analyses' scope fields (repositories/analytics-repository.ts scopeParameters). */
export interface MoneyScopeParameters {
  investigations: string[] | null;
  from: string | null;
  to: string | null;
  minAssessment: string;
  maxSourceEvaluation: number;
}

export interface PaymentPartyRow {
  label: 'Person' | 'Organisation' | 'Account';
  id: string;
  kept: boolean;
}

export interface PaymentRow {
  id: string;
  amount: number;
  currency: string;
  date: string;
  payers: PaymentPartyRow[];
  payees: PaymentPartyRow[];
}

export interface PartyRow {
  label: 'Person' | 'Organisation' | 'Account';
  id: string;
  name: string | null;
  holders: { label: 'Person' | 'Organisation'; id: string; name: string | null }[];
}

/**
 * Reads for the money views (money/money-service.ts): the payments in a scope, copies merged,
 * and the parties they name. `investigations` is the scope as the caller may have it (null:
 * all), so nothing outside it is read.
 */
export function createMoneyRepository(driver: Driver, database: string, queries: Queries) {
  const template = createTemplates(queries);
  const read = { database, routing: 'READ' as const };

  return {
    async payments(scope: MoneyScopeParameters): Promise<PaymentRow[]> {
      const { records } = await driver.executeQuery(queries['money/payments']!, scope, read);
      return records.map((r) => recordToObject<PaymentRow>(r));
    },

    async parties(parties: { label: string; id: string }[], scope: MoneyScopeParameters): Promise<PartyRow[]> {
      if (parties.length === 0) return [];
      const { records } = await driver.executeQuery(queries['money/parties']!, { ...scope, parties }, read);
      return records.map((r) => recordToObject<PartyRow>(r));
    },

    /** Whether the entity has a copy in the scope's investigations (entities/start, as a neighbourhood's start). */
    async exists(type: PartyType, id: string, investigations: string[] | null): Promise<boolean> {
      const { records } = await driver.executeQuery(template('entities/start', { __LABEL__: ENTITY_LABELS[type] }), { id, allowed: investigations }, read);
      return records.length > 0;
    },
  };
}

export type MoneyRepository = ReturnType<typeof createMoneyRepository>;
