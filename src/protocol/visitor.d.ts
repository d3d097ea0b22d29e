import { z } from 'zod';
/** Which parser recognised a code; `manual` is typed in by the attendant, `opaque` is any other code. */
export declare const VISITOR_KINDS: readonly ['cccd', 'pass', 'opaque', 'manual'];
export type VisitorKind = (typeof VISITOR_KINDS)[number];
/** Personal fields a site may choose to keep; everything else about a visitor is never stored. */
export declare const PERSONAL_FIELDS: readonly ['idNumber', 'name', 'birthYear', 'birthDate', 'gender', 'address', 'phone'];
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
/** Default kept fields (issue #2): ID number, name, birth year, gender; address off. */
export declare const DEFAULT_KEPT_FIELDS: readonly PersonalField[];
export declare const MAX_CODE_LENGTH = 512;
export declare const MAX_NAME_LENGTH = 120;
/**
 * One visitor as every parser reports it. `subject` is the stable key used for tracing
 * (ID number, pass id, phone or the opaque code) and is always present.
 */
export declare const visitorSchema: z.ZodObject<{
    kind: z.ZodEnum<{
        cccd: "cccd";
        manual: "manual";
        opaque: "opaque";
        pass: "pass";
    }>;
    subject: z.ZodString;
    name: z.ZodOptional<z.ZodString>;
    idNumber: z.ZodOptional<z.ZodString>;
    birthYear: z.ZodOptional<z.ZodNumber>;
    birthDate: z.ZodOptional<z.ZodString>;
    gender: z.ZodOptional<z.ZodString>;
    address: z.ZodOptional<z.ZodString>;
    phone: z.ZodOptional<z.ZodString>;
    passId: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type Visitor = z.infer<typeof visitorSchema>;
