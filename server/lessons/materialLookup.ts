// The live room's way to the lesson's material: a material id the teacher pushes must be
// one attached to this occurrence or to its series, nothing else of the community.
import type { Material } from '../../shared/lessons';
import type { MaterialRepository } from '../store/lessons/LessonRepository';
import type { LessonLifecycle } from './LessonLifecycle';

export type LessonMaterialLookup = (
  occurrenceId: string,
  materialId: string,
) => Promise<Material | undefined>;

export function lessonMaterialLookup(
  lifecycle: Pick<LessonLifecycle, 'get'>,
  materials: Pick<MaterialRepository, 'get'>,
): LessonMaterialLookup {
  return async (occurrenceId, materialId) => {
    const [record, material] = await Promise.all([
      lifecycle.get(occurrenceId),
      materials.get(materialId),
    ]);
    if (!record || !material) return undefined;
    const o = record.occurrence;
    const ofLesson = material.occurrenceId === o.occurrenceId || material.seriesId === o.seriesId;
    return ofLesson && material.communityId === o.communityId ? material : undefined;
  };
}
