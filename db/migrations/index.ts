import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_drafts_and_search';
import * as m0003 from './0003_evidence';
import * as m0004 from './0004_workflow';
import * as m0005 from './0005_documents';
import * as m0006 from './0006_agencies_notes';
import * as m0007 from './0007_plate_digits';
import * as m0008 from './0008_custody_index';
import * as m0009 from './0009_document_settings';
import * as m0010 from './0010_days_off';
import * as m0011 from './0011_audit_chain';
import * as m0012 from './0012_accounts';
import * as m0013 from './0013_sealed_identity';
import * as m0014 from './0014_todays_map';
import * as m0015 from './0015_administration';
import * as m0016 from './0016_statistics';
import * as m0017 from './0017_term_blocks';
import * as m0018 from './0018_store_intents';

// Static list: reading the folder at run time breaks inside an asar archive. Append only.
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_drafts_and_search': m0002,
  '0003_evidence': m0003,
  '0004_workflow': m0004,
  '0005_documents': m0005,
  '0006_agencies_notes': m0006,
  '0007_plate_digits': m0007,
  '0008_custody_index': m0008,
  '0009_document_settings': m0009,
  '0010_days_off': m0010,
  '0011_audit_chain': m0011,
  '0012_accounts': m0012,
  '0013_sealed_identity': m0013,
  '0014_todays_map': m0014,
  '0015_administration': m0015,
  '0016_statistics': m0016,
  '0017_term_blocks': m0017,
  '0018_store_intents': m0018,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
