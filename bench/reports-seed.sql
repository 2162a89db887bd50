-- Gives the requests seeded by bench/seed-requests.sql what the reports count: a first answer for every answered,
-- closed or reopened request (1 to 15 working days after submission, a quarter of them late), reopenings,
-- objections and ratings, spread deterministically. Used by bench/reports.sh.
\set ON_ERROR_STOP on
UPDATE "Requests" SET
    "FirstAnsweredAt" = "CreatedAt" + (("Id" % 21) * interval '1 day') + interval '3 hours',
    "FirstAnswerWorkingDays" = ("Id" % 21) * 5 / 7,
    "FirstAnsweredOnTime" = ("Id" % 21) <= 9,
    "FirstAnsweredById" = NULL,
    "ReopenCount" = CASE WHEN "Status" = 'Reopened' THEN 1 ELSE 0 END,
    "ObjectedAt" = CASE WHEN "Id" % 17 = 0 THEN "CreatedAt" + interval '12 days' END,
    "Rating" = CASE WHEN "Id" % 3 = 0 THEN NULL ELSE 1 + ("Id" * 7) % 5 END
WHERE "Status" IN ('Answered', 'Closed', 'Reopened');
ANALYZE "Requests";
-- The citizens' voice (issue 26): a satisfaction survey for every answered request, two thirds of them answered
-- (scores spread over 1–5 per item), one answer in ten with a comment.
DELETE FROM "SurveyInvitations";
INSERT INTO "SurveyInvitations" ("RequestId", "TokenHash", "CreatedAt", "ExpiresAt", "SubmittedAt", "Scores", "Comment")
SELECT "Id", md5("Id"::text) || md5(('s' || "Id")::text), "FirstAnsweredAt", "FirstAnsweredAt" + interval '30 days',
    CASE WHEN "Id" % 3 <> 0 THEN "FirstAnsweredAt" + interval '2 days' END,
    CASE WHEN "Id" % 3 <> 0 THEN concat_ws(',', 1 + "Id" % 5, 1 + ("Id" / 5) % 5, 1 + ("Id" / 25) % 5, 1 + ("Id" / 125) % 5, 1 + ("Id" / 7) % 5) END,
    CASE WHEN "Id" % 3 <> 0 AND "Id" % 10 = 1 THEN 'پاسخ روشن بود ولی دیر رسید؛ نظر شماره ' || "Id" END
FROM "Requests" WHERE "FirstAnsweredAt" IS NOT NULL;
ANALYZE "SurveyInvitations";
-- Fields per subject (issue 26): a choice field «نوع سفر» on the first main subject, answered by nine in ten of that
-- subject's requests received in the data's last year (the season since the field was added); the report by it
-- (View=field-<id>) counts those answers live and the subject's other requests from the summary.
DELETE FROM "RequestFieldValues";
DELETE FROM "SubjectFields";
INSERT INTO "SubjectFields" ("SubjectId", "Label", "Kind", "IsRequired", "HelpText", "Options", "DisplayOrder", "IsActive", "Version")
SELECT "Id", 'نوع سفر', 'Choice', false, NULL, E'هوایی\nزمینی\nدریایی', 1, true, 1
FROM "Subjects" WHERE "ParentId" IS NULL ORDER BY "DisplayOrder", "Id" LIMIT 1;
INSERT INTO "RequestFieldValues" ("RequestId", "FieldId", "Label", "Kind", "Value", "DisplayOrder")
SELECT r."Id", f."Id", f."Label", 'Choice', (ARRAY['هوایی', 'زمینی', 'دریایی'])[1 + r."Id" % 3], 1
FROM "Requests" r JOIN "SubjectFields" f ON f."SubjectId" = r."SubjectId"
WHERE r."CreatedAt" >= (SELECT max("CreatedAt") FROM "Requests") - interval '1 year' AND r."Id" % 10 <> 0;
ANALYZE "RequestFieldValues";
