import { z } from 'zod';
export declare const DIRECTIONS: readonly ['in', 'out'];
export type Direction = (typeof DIRECTIONS)[number];
/** UUIDv7 in canonical form; time-ordered so ids sort like the device clock. */
export declare const UUID_RE: RegExp;
/** One visitor passing a gate, as the kiosk records it and sends it (the unit of sync). */
export declare const checkInSchema: z.ZodObject<{
    id: z.ZodString;
    seq: z.ZodNumber;
    direction: z.ZodEnum<{
        in: "in";
        out: "out";
    }>;
    deviceTime: z.ZodNumber;
    visitor: z.ZodObject<{
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
}, z.core.$strip>;
export type CheckIn = z.infer<typeof checkInSchema>;
