namespace HajDesk.Core.Requests;

/// <summary>Which input a refusal is about, so a form can show the message next to that field.</summary>
public enum RequestField
{
    /// <summary>The request's state or the actor's right: nothing the person typed.</summary>
    Request,

    /// <summary>The main text of the action (answer, note, reason, message, objection).</summary>
    Text,

    /// <summary>The chosen staff member, province or subject.</summary>
    Choice,

    /// <summary>The rating's value.</summary>
    Rating,

    /// <summary>The optional comment beside a rating.</summary>
    Comment,
}
