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
