import type { Client } from '../test-app.ts';
import type { World } from '../world.ts';

/**
 * The cast every permission matrix plays: `buildWorld`'s users and youth, and who of them can see each youth at
 * all (see `world.ts`): y1 and y2 are in the program the program manager covers, y1 m1's (s1 supervises; with a hub
 * clinician, guardian and youth account), y2 m2's (s2); y3 is m2's in another program; yb is another organization's.
 */
export type Who = 'admin' | 'pm' | 's1' | 's2' | 'm1' | 'm2' | 'hub' | 'g' | 'yu' | 'adminB';
export const EVERYONE: Who[] = ['admin', 'pm', 's1', 's2', 'm1', 'm2', 'hub', 'g', 'yu', 'adminB'];
export type Target = 'y1' | 'y2' | 'y3' | 'yb';
export const TARGETS: Target[] = ['y1', 'y2', 'y3', 'yb'];

export const SEES: Record<Target, Who[]> = {
  y1: ['admin', 'pm', 's1', 'm1', 'hub', 'g', 'yu'],
  y2: ['admin', 'pm', 's2', 'm2'],
  y3: ['admin', 's2', 'm2'],
  yb: ['adminB'],
};
/** Staff who work the youth's case: everyone who sees a youth but the hub clinician, guardian and youth. */
export const CASE_STAFF: Who[] = ['admin', 'pm', 's1', 's2', 'm1', 'm2', 'adminB'];
export const MANAGERS: Who[] = ['admin', 'pm', 'adminB'];

export const clientOf = (w: World, who: Who): Client => (who === 'adminB' ? w.adminB : w.users[who]);
