import type { Db } from '../../db/connection';

/** Who is working at this desk, against which database: what every service call runs with. */
export interface Station {
  db: Db;
  unitId: number;
  officerId: number;
  now: () => Date;
}
