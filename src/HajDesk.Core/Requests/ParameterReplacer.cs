using System.Linq.Expressions;

namespace HajDesk.Core.Requests;

/// <summary>Rewrites a lambda onto another parameter, so that two conditions can be combined into one lambda.</summary>
internal sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
{
    /// <summary><paramref name="lambda"/> with its single parameter replaced by <paramref name="parameter"/>.</summary>
    public static Expression<Func<T, TResult>> Rebind<T, TResult>(Expression<Func<T, TResult>> lambda, ParameterExpression parameter) =>
        Expression.Lambda<Func<T, TResult>>(new ParameterReplacer(lambda.Parameters[0], parameter).Visit(lambda.Body), parameter);

    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}
