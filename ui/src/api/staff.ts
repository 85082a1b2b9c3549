// 人员与现场: helpers beside the generated calls (commands.ts) of the staff commands.
import { FiveSAreaChoices, FiveSChoices, PostCodeChoices } from "./contract";

/** The three areas a 5S inspection walks, and the five S's with the text's definitions. */
export const AREAS: { code: string; name: string }[] = FiveSAreaChoices.map((a) => ({ code: a.code, name: a.label }));
export const FIVE_S: { s: string; meaning: string }[] = FiveSChoices.map((f) => ({ s: f.code, meaning: f.label }));
export const areaName = (code: string) => AREAS.find((a) => a.code === code)?.name ?? code;
/** An S as shown: the fifth is 素养（纪律） (the text calls it 纪律); stored as 素养. */
export const sLabel = (s: string) => (s === "素养" ? "素养（纪律）" : s);

/** The posts A–J and K–T with what each holds (docs/domain.md §1), as the core names them. */
export const POSTS = PostCodeChoices;
/** 「K 服务经理（兼配件主管）」: a post as the screens name it, its letter first. */
export const postLabel = (code: string) => POSTS.find((p) => p.code === code)?.label ?? code;

// 培训
/** A training's subjects, as the core's code table has them. */
export { TrainingSubjectChoices as TRAINING_SUBJECTS } from "./contract";

// 服务礼仪
export { StandardKindChoices as STANDARD_KINDS } from "./contract";
export { CheckMethodChoices as CHECK_METHODS } from "./contract";

// 绩效考核
export { AppraisalMeasureChoices as APPRAISAL_MEASURES } from "./contract";

// 设备工具
export { EquipmentKindChoices as EQUIPMENT_KINDS } from "./contract";
