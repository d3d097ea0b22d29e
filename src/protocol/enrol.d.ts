import { z } from 'zod';
/** What a site keeps about its visitors, delivered to kiosks at enrolment and on sync. */
export declare const sitePolicySchema: z.ZodObject<{
    keptFields: z.ZodArray<z.ZodEnum<{
        address: "address";
        birthDate: "birthDate";
        birthYear: "birthYear";
        gender: "gender";
        idNumber: "idNumber";
        name: "name";
        phone: "phone";
    }>>;
    retentionDays: z.ZodNumber;
}, z.core.$strip>;
export type SitePolicy = z.infer<typeof sitePolicySchema>;
export declare const DEFAULT_POLICY: SitePolicy;
export declare const enrolRequestSchema: z.ZodObject<{
    code: z.ZodString;
    appVersion: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;
export declare const enrolResponseSchema: z.ZodObject<{
    deviceId: z.ZodString;
    token: z.ZodString;
    site: z.ZodObject<{
        id: z.ZodString;
        name: z.ZodString;
    }, z.core.$strip>;
    policy: z.ZodObject<{
        keptFields: z.ZodArray<z.ZodEnum<{
            address: "address";
            birthDate: "birthDate";
            birthYear: "birthYear";
            gender: "gender";
            idNumber: "idNumber";
            name: "name";
            phone: "phone";
        }>>;
        retentionDays: z.ZodNumber;
    }, z.core.$strip>;
    serverTime: z.ZodNumber;
}, z.core.$strip>;
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;
/** The kiosk's enrolment link: `<base>/#enrol=<code>`; a fragment so the code never reaches server logs. */
export declare function enrolUrl(baseUrl: string, code: string): string;
