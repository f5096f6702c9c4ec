/**
 * What the ranking pages accept in their paths: a version number, and a ranked unit's
 * id — deliberately not `ID_PATTERN` (functions/domain/schemas.ts), as a district is
 * ranked by its Chinese name (the API's `unitIdSchema` admits any letters).
 */

/** A version of a table or a method: 1-999999. */
export const VERSION = /^[1-9]\d{0,5}$/;

/** A ranked unit's id: a department or window id, or a district's name. */
export const UNIT_ID = /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff._:-]{0,63}$/;
