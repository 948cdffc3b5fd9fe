"""Views of the questions part: thin, each asks `request.user.has_perm` (the part's rules.py)
and calls a service or selector. A forum's questions and threads are private to
its families and hosts: to anyone else they are "not found" (404); someone in the forum who may
not do something is "forbidden" (403).

Nothing here logs or stores who asked an anonymous question: the view passes the person to the
service, which drops them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.pagination import paginate
from cms.views import done, form_page
from coproduction.forms import QuoteConsentForm, quote_consent_message
from coproduction.forums.models import FamilyForum
from coproduction.questions.models import ForumPost, ForumQuestion, ForumThread, PostReport

from . import selectors, services
from .forms import AnswerForm, HideForm, QuestionForm, ReplyForm, ReportForm, ThreadForm

PER_PAGE = 25


def _check(request, obj, perm):
    if not request.user.has_perm("coproduction.view_forumthread", obj):
        raise Http404("Not found.")
    if perm and not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _forum(request, forum_id, perm=None):
    forum = get_object_or_404(FamilyForum.objects.select_related("service"), pk=forum_id)
    _check(request, forum, perm)
    return forum


def _thread(request, thread_id, perm=None):
    thread = get_object_or_404(ForumThread.objects.select_related("forum__service"), pk=thread_id)
    _check(request, thread, perm)
    return thread


def _post(request, post_id, perm=None):
    post = get_object_or_404(
        ForumPost.objects.select_related("thread__forum__service", "author"), pk=post_id
    )
    _check(request, post, perm)
    return post


def _page(request, queryset):
    return paginate(request.GET, queryset, PER_PAGE)


def _questions_url(forum):
    return reverse("coproduction:forum_questions", args=[forum.pk])


# --- Questions ------------------------------------------------------------------------------


@require_GET
@login_required
def forum_questions(request, forum_id):
    forum = _forum(request, forum_id, "coproduction.view_forumquestion")
    may_answer = request.user.has_perm("coproduction.answer_forumquestion", forum)
    unanswered, answered = selectors.questions_of(forum, hosts_first=may_answer)
    return render(
        request,
        "coproduction/questions/question_list.html",
        {
            "forum": forum,
            "unanswered": unanswered,
            **_page(request, answered),
            "may_ask": request.user.has_perm("coproduction.add_forumquestion", forum),
            "may_answer": may_answer,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_question_ask(request, forum_id):
    forum = _forum(request, forum_id, "coproduction.add_forumquestion")
    form = QuestionForm(request.POST or None, events=selectors.upcoming_events(forum))

    def ask(form):
        question = services.question_ask(forum, request.user, **form.cleaned_data)
        if question.anonymous:
            message = "Your question has been sent anonymously. Look for the answer on this page."
        else:
            message = "Your question has been sent. We will email you when it is answered."
        return done(request, message, _questions_url(forum))

    return form_page(
        request, form, "coproduction/questions/question_form.html", {"forum": forum}, on_valid=ask
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_question_answer(request, forum_id, question_id):
    forum = _forum(request, forum_id, "coproduction.answer_forumquestion")
    question = get_object_or_404(
        ForumQuestion.objects.select_related("event", "feedback_item"), pk=question_id, forum=forum
    )
    form = AnswerForm(
        request.POST or None,
        initial={"answer": question.answer},
        themes=selectors.question_themes(question),
    )

    def answer(form):
        services.question_answer(
            question,
            request.user,
            form.cleaned_data["answer"],
            themes=form.chosen_themes(),
        )
        return done(
            request,
            "Your answer is saved. Everyone in the forum can read it.",
            _questions_url(forum) + f"#question-{question.pk}",
        )

    return form_page(
        request,
        form,
        "coproduction/questions/answer_form.html",
        {"forum": forum, "question": question},
        on_valid=answer,
    )


@require_POST
@login_required
def forum_question_quote(request, question_id):
    """The asker gives or takes back consent to quote their question (a button by it)."""
    question = get_object_or_404(
        ForumQuestion.objects.select_related("forum__service"), pk=question_id
    )
    _check(request, question, "coproduction.quote_consent_forumquestion")
    form = QuoteConsentForm(request.POST)
    form.is_valid()  # a box: absent means no
    services.question_quote_consent_set(question, request.user, form.cleaned_data["may_quote"])
    return done(
        request,
        quote_consent_message(form.cleaned_data["may_quote"], "question"),
        _questions_url(question.forum) + f"#question-{question.pk}",
    )


# --- Threads --------------------------------------------------------------------------------


@require_GET
@login_required
def forum_threads(request, forum_id):
    forum = _forum(request, forum_id)
    return render(
        request,
        "coproduction/questions/thread_list.html",
        {
            "forum": forum,
            **_page(request, selectors.threads_of(forum)),
            "may_start": request.user.has_perm("coproduction.add_forumthread", forum),
            "may_see_reports": request.user.has_perm("coproduction.resolve_postreport", forum),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_thread_create(request, forum_id):
    forum = _forum(request, forum_id, "coproduction.add_forumthread")
    form = ThreadForm(request.POST or None)

    def start(form):
        thread = services.thread_start(forum, request.user, **form.cleaned_data)
        return done(request, "Your discussion has started.", thread)

    return form_page(
        request, form, "coproduction/questions/thread_form.html", {"forum": forum}, on_valid=start
    )


def _thread_context(request, thread, reply_form=None):
    user = request.user
    posts = list(selectors.posts_of(thread))
    for post in posts:
        post.may_read_hidden = post.hidden_at is not None and user.has_perm(
            "coproduction.view_hidden_forumpost", post
        )
        post.may_report = user.has_perm("coproduction.add_postreport", post)
    return {
        "forum": thread.forum,
        "thread": thread,
        "posts": posts,
        "reply_form": reply_form or ReplyForm(),
        "may_reply": user.has_perm("coproduction.add_forumpost", thread),
        "may_hide": user.has_perm("coproduction.hide_forumpost", thread),
    }


@require_GET
@login_required
def forum_thread_detail(request, thread_id):
    thread = _thread(request, thread_id)
    return render(
        request, "coproduction/questions/thread_detail.html", _thread_context(request, thread)
    )


@require_POST
@login_required
def forum_post_reply(request, thread_id):
    thread = _thread(request, thread_id, "coproduction.add_forumpost")
    form = ReplyForm(request.POST)

    def reply(form):
        post = services.post_reply(
            thread,
            request.user,
            form.cleaned_data["body"],
            may_quote=form.cleaned_data["may_quote"],
        )
        return done(
            request, "Your reply has been added.", thread.get_absolute_url() + f"#post-{post.pk}"
        )

    return form_page(
        request,
        form,
        "coproduction/questions/thread_detail.html",
        _thread_context(request, thread, reply_form=form),
        on_valid=reply,
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_post_hide(request, post_id):
    post = _post(request, post_id, "coproduction.hide_forumpost")
    thread = post.thread
    post_url = thread.get_absolute_url() + f"#post-{post.pk}"
    template = "coproduction/questions/post_hide.html"
    context = {
        "forum": thread.forum,
        "thread": thread,
        "post": post,
        "question": "Hide this post?",
        "confirm_label": "Yes, hide the post",
        "cancel_url": post_url,
        "danger": True,
    }
    if post.hidden_at is not None:
        error = f"This post is already hidden: {post.hidden_reason}"
        return render(request, template, {**context, "error": error})

    def hide(form):
        services.post_hide(post, request.user, form.cleaned_data["reason"])
        return done(request, "The post is hidden. Its author has been emailed why.", post_url)

    return form_page(request, HideForm(request.POST or None), template, context, on_valid=hide)


@require_http_methods(["GET", "POST"])
@login_required
def forum_post_report(request, post_id):
    post = _post(request, post_id, "coproduction.add_postreport")
    thread = post.thread
    form = ReportForm(request.POST or None)

    def report(form):
        services.post_report(post, request.user, form.cleaned_data["reason"])
        return done(
            request,
            "Thank you. The hosts have been told and will look at it.",
            thread.get_absolute_url() + f"#post-{post.pk}",
        )

    return form_page(
        request,
        form,
        "coproduction/questions/post_report.html",
        {
            "forum": thread.forum,
            "thread": thread,
            "post": post,
            "may_read_hidden": request.user.has_perm("coproduction.view_hidden_forumpost", post),
        },
        on_valid=report,
    )


@require_POST
@login_required
def forum_post_quote(request, post_id):
    """The author gives or takes back consent to quote their post (a button under it)."""
    post = _post(request, post_id, "coproduction.quote_consent_forumpost")
    form = QuoteConsentForm(request.POST)
    form.is_valid()  # a box: absent means no
    services.post_quote_consent_set(post, request.user, form.cleaned_data["may_quote"])
    return done(
        request,
        quote_consent_message(form.cleaned_data["may_quote"], "post"),
        post.thread.get_absolute_url() + f"#post-{post.pk}",
    )


# --- Reports --------------------------------------------------------------------------------


@require_GET
@login_required
def forum_reports(request, forum_id):
    forum = _forum(request, forum_id, "coproduction.resolve_postreport")
    return render(
        request,
        "coproduction/questions/report_list.html",
        {"forum": forum, **_page(request, selectors.open_reports(forum))},
    )


@require_POST
@login_required
def forum_report_resolve(request, forum_id, report_id):
    forum = _forum(request, forum_id, "coproduction.resolve_postreport")
    report = get_object_or_404(PostReport, pk=report_id, post__thread__forum=forum)
    try:
        services.report_resolve(report, request.user)
    except ValidationError as error:
        # A button on the list, not a form: the refusal is shown on the list it returns to.
        messages.error(request, " ".join(error.messages))
        return redirect("coproduction:forum_reports", forum_id=forum.pk)
    return done(
        request,
        "The report is marked as dealt with.",
        "coproduction:forum_reports",
        forum_id=forum.pk,
    )
