using System.Linq.Expressions;
using HajDesk.Core.Requests;

namespace HajDesk.Core.Reports;

/// <summary>
/// A reader's scope (<see cref="ReportFilter.Scope"/>, a condition on requests) as the same condition on the report
/// summary's rows, which carry the request's province, main subject and channel: the staff scope is written once, in
/// <see cref="RequestRules.CoveredBy"/>, and read here.
/// </summary>
public static class SummaryScope
{
    private static readonly HashSet<string> Carried =
        [nameof(ServiceRequest.ProvinceId), nameof(ServiceRequest.SubjectId), nameof(ServiceRequest.Channel)];

    /// <summary>The condition on summary rows, or null when the scope reads anything else (the report is then counted live).</summary>
    public static Expression<Func<ReportSummaryRow, bool>>? Rebind(Expression<Func<ServiceRequest, bool>> scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var row = Expression.Parameter(typeof(ReportSummaryRow), "s");
        var visitor = new Visitor(scope.Parameters[0], row);
        var body = visitor.Visit(scope.Body);
        return visitor.Failed ? null : Expression.Lambda<Func<ReportSummaryRow, bool>>(body, row);
    }

    private sealed class Visitor(ParameterExpression request, ParameterExpression row) : ExpressionVisitor
    {
        public bool Failed { get; private set; }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == request)
            {
                if (Carried.Contains(node.Member.Name))
                {
                    return Expression.Property(row, node.Member.Name);
                }

                Failed = true;
                return node;
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (node == request)
            {
                // The request itself used otherwise than through a carried column.
                Failed = true;
            }

            return node;
        }
    }
}
