import { describe, expect, it } from 'vitest';
import { arrange, type TileRole } from '../../../client/classroom/arrange';

const tiles = (...roles: TileRole[]) => roles.map((role) => ({ id: role, role }));
const placed = (a: ReturnType<typeof arrange>) => Object.fromEntries(a.places);

describe('the projector arrangement for a layout', () => {
  const all = tiles('teacher', 'courseware', 'stage', 'other');

  it('teacher full screen: only the teacher', () => {
    expect(placed(arrange('teacher', all))).toEqual({
      teacher: 'main',
      courseware: 'hidden',
      stage: 'hidden',
      other: 'hidden',
    });
  });

  it('courseware full screen with the teacher small', () => {
    const a = arrange('courseware', all);
    expect(a.shown).toBe('courseware');
    expect(placed(a)).toMatchObject({ courseware: 'main', teacher: 'pip', stage: 'hidden' });
  });

  it('side by side: courseware and teacher', () => {
    expect(placed(arrange('side_by_side', all))).toMatchObject({
      courseware: 'main',
      teacher: 'side',
      stage: 'hidden',
    });
  });

  it('the classroom on stage beside the teacher', () => {
    expect(placed(arrange('stage', all))).toMatchObject({
      teacher: 'main',
      stage: 'side',
      courseware: 'hidden',
    });
  });

  it('a layout whose content is missing shows the teacher full screen', () => {
    expect(arrange('courseware', tiles('teacher')).shown).toBe('teacher');
    expect(arrange('side_by_side', tiles('teacher', 'stage')).shown).toBe('teacher');
    const noStage = arrange('stage', tiles('teacher', 'courseware'));
    expect(noStage.shown).toBe('teacher');
    expect(placed(noStage)).toEqual({ teacher: 'main', courseware: 'hidden' });
  });

  it('without a teacher camera the courseware fills the screen', () => {
    expect(placed(arrange('teacher', tiles('courseware')))).toEqual({ courseware: 'main' });
  });
});
