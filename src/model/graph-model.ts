/**
 * How records map onto the graph: the whitelist of node labels and relationship types.
 * Labels and types cannot be Cypher parameters, so queries are built from these tables
 * only (see repositories/ingest-repository.ts); nothing from a request reaches query text.
 */

export const ENTITY_LABELS = {
  person: 'Person',
  organisation: 'Organisation',
  vessel: 'Vessel',
  location: 'Location',
  route: 'Route',
  crossing: 'Crossing',
  payment: 'Payment',
  account: 'Account',
} as const;

export type EntityType = keyof typeof ENTITY_LABELS;
export type EntityLabel = (typeof ENTITY_LABELS)[EntityType];
export const ENTITY_TYPES = Object.keys(ENTITY_LABELS) as [EntityType, ...EntityType[]];

export const RELATIONSHIP_TYPES = [
  // person – crossing
  'ORGANISED',
  'PILOTED',
  'RECRUITED_FOR',
  'TRAVELLED_ON',
  // crossing – vessel / route / location
  'USED_VESSEL',
  'ON_ROUTE',
  'DEPARTED_FROM',
  // route – location
  'DEPARTS_FROM',
  'ARRIVES_AT',
  'VIA',
  // money
  'PAID',
  'PAID_TO',
  'FOR_CROSSING',
  'HOLDS',
  // person – person links
  'CONTACT',
  'COMMUNICATION',
  'MEETING',
  'FAMILY',
  'ASSOCIATE',
  // generic relations
  'BOUGHT',
  'SOLD',
  'OWNS',
  'STORED',
  'STORED_AT',
  'EMPLOYED_BY',
  'DIRECTOR_OF',
  'OPERATES_AT',
] as const;

export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

const LABEL_SET: ReadonlySet<string> = new Set(Object.values(ENTITY_LABELS));
const TYPE_SET: ReadonlySet<string> = new Set(RELATIONSHIP_TYPES);

export function isEntityLabel(value: string): value is EntityLabel {
  return LABEL_SET.has(value);
}

export function isRelationshipType(value: string): value is RelationshipType {
  return TYPE_SET.has(value);
}

export function labelOf(type: EntityType): EntityLabel {
  return ENTITY_LABELS[type];
}

const TYPE_OF_LABEL = new Map<string, EntityType>(Object.entries(ENTITY_LABELS).map(([type, label]) => [label, type as EntityType]));

export function typeOfLabel(label: string): EntityType {
  const type = TYPE_OF_LABEL.get(label);
  if (!type) throw new Error(`model/graph-model: unexpected label ${label}`);
  return type;
}
