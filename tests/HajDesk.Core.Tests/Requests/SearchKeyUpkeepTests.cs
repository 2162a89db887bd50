using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using static HajDesk.Core.Tests.Requests.RequestBuilder;

namespace HajDesk.Core.Tests.Requests;

/// <summary>The search keys follow the name, the text and the answers and notes whichever way they change.</summary>
public class SearchKeyUpkeepTests
{
    [Fact]
    public void NameAndText_SetOrChanged_KeysFollow()
    {
        var request = Request();
        Assert.Equal(SearchKey.Of("محمدرضایی"), request.NameKey);
        Assert.Equal(SearchKey.Of("متن درخواست"), request.TextKey);

        request.FirstName = "محمد" + PersianText.Zwnj + "علی";
        request.LastName = "طباطبائی";
        request.Text = "تمدید گذرنامهٔ ۱۴۰۳";

        Assert.Equal("محمدعلیطباطبایی", request.NameKey);
        Assert.Equal(SearchKey.Of("تمدیدگذرنامه1403"), request.TextKey);
    }

    [Fact]
    public void AnswerAndInternalNote_GetKeys_OtherEntriesDoNot()
    {
        var request = Request(RequestStatus.InProgress, assignedTo: Expert.Id);
        Assert.True(request.AddInternalNote(Expert, "با كارشناس فرودگاه هماهنگ شد", Now).Succeeded);
        Assert.True(request.Answer(Expert, "پرواز شما به روز دوشنبه منتقل شد", [], Now).Succeeded);
        Assert.True(request.Close(Expert, "پایان", Now).Succeeded);

        var note = Assert.Single(request.Events, e => e.Kind == RequestEventKind.InternalNote);
        var answer = Assert.Single(request.Events, e => e.Kind == RequestEventKind.Answered);
        Assert.Equal(SearchKey.Of("با کارشناس فرودگاه هماهنگ شد"), note.SearchKey);
        Assert.Equal(SearchKey.Of("پرواز شما به روز دوشنبه منتقل شد"), answer.SearchKey);
        Assert.All(request.Events.Where(e => !RequestEvent.IsSearched(e.Kind)), e => Assert.Null(e.SearchKey));
    }

    [Fact]
    public void EntryText_ChangedLater_KeyFollows()
    {
        var entry = new RequestEvent { Text = "متن", Kind = RequestEventKind.Answered };
        Assert.Equal("متن", entry.SearchKey);
        entry.Text = "پاسخ دیگر";
        Assert.Equal("پاسخدیگر", entry.SearchKey);
        entry.Text = null;
        Assert.Null(entry.SearchKey);
    }
}
