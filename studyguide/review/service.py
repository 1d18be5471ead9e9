"""The review service: settings, due counts and sessions over a guide's cards.

It applies the learner's card edits and suspensions, the daily limit of new cards and the
desired retention, so views and the command line only ask "what is due?" and "start a session".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from studyguide.domain.changes import Changes
from studyguide.domain.custom_study import CustomKind, CustomStudy
from studyguide.domain.drills import order_drill_cards, order_drills, when_drill_cards
from studyguide.domain.exam import ExamGoal, ExamPlan, ExamReport
from studyguide.domain.forgetting import LAPSE_WINDOW, LAPSES_TO_REREAD, sections_to_reread
from studyguide.domain.guide import Card
from studyguide.domain.optimization import Optimization
from studyguide.domain.review import DueCounts, ReviewSettings, start_of_day
from studyguide.review.begin import Begun as Begun  # noqa: PLC0414 - re-exported for the library
from studyguide.review.begin import FirstScreens, begin_session
from studyguide.review.custom import CustomSession, pick_cards
from studyguide.review.exam_report import exam_report, read_exam_report
from studyguide.review.optimizer import Cancelled, Progress, optimize
from studyguide.review.scheduler import Scheduler
from studyguide.review.session import Answers, ReviewSession, Sitting, UndoStep
from studyguide.review.sources import GuideCards, ListedCards, edited
from studyguide.store.card_edits import CardEditsStore
from studyguide.store.content import ContentStore
from studyguide.store.due import DueCounter
from studyguide.store.progress import ProgressStore
from studyguide.store.review_log import answer_log
from studyguide.store.settings import SettingsStore


class ReviewService:
    """Starts review sessions and counts due cards for any guide.

    Args:
        progress: The progress store.
        edits: The learner's card edits.
        settings: Where review settings live.
        clock: Returns the current timezone-aware UTC time.
        enable_fuzzing: Spread due dates (off in tests that check exact dates).
    """

    def __init__(self, *, progress: ProgressStore, edits: CardEditsStore, settings: SettingsStore,
                 clock: Callable[[], datetime], enable_fuzzing: bool = True) -> None:
        self._progress = progress
        #: Counts waiting cards: the status bar, sessions and the Stats view all ask it.
        self.due = DueCounter(db=progress.database, keep=True)
        self._edits = edits
        self._settings_store = settings
        self._clock = clock
        self._fuzzing = enable_fuzzing
        self._settings = settings.load()
        #: Each guide's own fitted parameters (Optimize on its reviews); others use the settings' set.
        self._guide_parameters = settings.guide_parameters()
        #: A scheduler per parameter set in use (the settings' set, and each guide's own).
        self._schedulers: dict[tuple[float, ...], Scheduler] = {}
        #: Each guide's undo history (answers and suspensions), shared by its sessions.
        self._undo: dict[str, list[UndoStep]] = {}
        #: When each guide's sitting began: its summary counts every answer since.
        self._sittings: dict[str, Sitting] = {}
        #: Each guide's answers this instance may undo: its own, then those logged before it opened
        #: (another window or process on the same library logs answers too).
        self._answers: dict[str, Answers] = {}
        self._opened_after = progress.opened_after  # (the service may be built later: library_services.py)
        #: Each guide's plan for its exam, as last computed (``_today_plan`` says if it is today's).
        self._plans: dict[str, ExamPlan] = {}

    def parameters_for(self, guide_id: str) -> tuple[float, ...]:
        """The FSRS-6 parameters a guide's cards are scheduled with: its own fitted ones, if any, else
        the settings' (the learner's fitted for all guides, or empty for fsrs's defaults)."""
        return self._guide_parameters.get(guide_id, self._settings.parameters)

    def guide_parameters(self, guide_id: str) -> tuple[float, ...] | None:
        """A guide's own fitted parameters, or None (it uses the settings' set)."""
        return self._guide_parameters.get(guide_id)

    def set_guide_parameters(self, guide_id: str, parameters: tuple[float, ...] | None) -> Changes:
        """Schedule a guide's cards with their own fitted parameters (None: with the settings' set again)."""
        changes = self._settings_store.set_guide_parameters(guide_id, parameters)
        self._guide_parameters = self._settings_store.guide_parameters()
        return changes

    def _scheduler_for(self, guide_id: str) -> Scheduler:
        parameters = self.parameters_for(guide_id)
        if parameters not in self._schedulers:
            self._schedulers[parameters] = Scheduler(desired_retention=self._settings.desired_retention,
                                                     enable_fuzzing=self._fuzzing, parameters=parameters)
        return self._schedulers[parameters]

    @property
    def settings(self) -> ReviewSettings:
        """The current review settings."""
        return self._settings

    def save_settings(self, settings: ReviewSettings) -> Changes:
        """Save new settings; later answers and sessions use them."""
        changes = self._settings_store.save(settings)
        self._settings = settings
        self._schedulers.clear()
        return changes

    def optimize(self, guide_id: str | None = None, *, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> Optimization:
        """Fit FSRS-6 parameters to one guide's review log (None: every guide's) and compare them with
        those in use (the guide's, or the settings' set) on the latest fifth of it (worker-safe: reads
        through a connection of its own).

        Raises:
            OptimizationCancelled: ``cancelled`` said so.
            StoreUnavailable: The progress database cannot be read.
        """
        current = self._settings.parameters if guide_id is None else self.parameters_for(guide_id)
        return optimize(answer_log(self._progress.path, guide_id), current=current, progress=progress,
                        cancelled=cancelled)

    def reload_settings(self) -> None:
        """Read the settings again (as a sync brought another device's)."""
        self._settings = self._settings_store.load()
        self._guide_parameters = self._settings_store.guide_parameters()
        self._schedulers.clear()

    def reload(self) -> None:
        """Read settings again and forget undo history (after progress was restored from a backup)."""
        self.reload_settings()
        self._undo.clear()
        self.due.forget()
        self._sittings.clear()
        self._answers.clear()
        self._opened_after = self._progress.last_answer_id()

    def changed_elsewhere(self) -> bool:
        """True if another window or process saved progress since the last call (a cheap poll; shown on reload)."""
        return self._progress.changed_elsewhere()

    def studyable(self, guide_id: str, cards: Sequence[Card]) -> list[Card]:
        """The cards with the learner's edits applied and suspended ones left out."""
        edits = self._edits.edits(guide_id)
        return [edited(card, edits.get(card.id)) for card in cards
                if card.id not in edits or not edits[card.id].suspended]

    def suspended(self, guide_id: str | None = None) -> list[tuple[str, str]]:
        """Suspended cards as (guide id, card id), of one guide or of all, latest first."""
        return self._edits.suspended(guide_id)

    def unsuspend(self, guide_id: str, card_id: str) -> Changes:
        """Bring a suspended card back into the review queues."""
        return self._edits.set_suspended(guide_id, card_id, suspended=False, now=self._clock())

    def set_suspended_cards(self, keys: Sequence[tuple[str, str]], *, suspended: bool) -> Changes:
        """Suspend (or bring back) many cards, as (guide id, card id), in one transaction (the card browser)."""
        return self._edits.set_suspended_many(keys, suspended=suspended, now=self._clock())

    def suspend(self, guide_id: str, card_id: str) -> Changes:
        """Take a card out of the review queues until it is unsuspended."""
        return self._edits.set_suspended(guide_id, card_id, suspended=True, now=self._clock())

    def set_card_text(self, guide_id: str, card_id: str, *, front: str | None, back: str | None) -> Changes:
        """Save the learner's wording of a card (its progress is kept); None takes the guide's back."""
        return self._edits.set_text(guide_id, card_id, front=front, back=back, now=self._clock())

    def as_edited(self, guide_id: str, card: Card) -> Card:
        """One card as the learner wrote it (suspended or not), for showing it."""
        return edited(card, self._edits.edits(guide_id).get(card.id))

    def new_limit_today(self, guide_id: str) -> int:
        """Today's limit of new cards in a guide: the daily setting plus any extra asked for today."""
        day = start_of_day(self._clock()).date().isoformat()
        return self._settings.new_per_day + self._settings_store.extra_new(guide_id, day)

    def new_allowance(self, guide_id: str) -> int:
        """How many new cards may still be introduced today in this guide."""
        seen = self._progress.new_cards_seen_since(guide_id, start_of_day(self._clock()))
        return max(self.new_limit_today(guide_id) - seen, 0)

    def study_more_new(self, guide_id: str, count: int) -> Changes:
        """Allow ``count`` more new cards today in a guide (a negative ``count``: the undo of Study More Today)."""
        day = start_of_day(self._clock()).date().isoformat()
        return self._settings_store.add_extra_new(guide_id, day, count)

    def _sitting(self, guide_id: str, now: datetime) -> Sitting:
        """The guide's sitting (its summary counts every answer since), a new one each study day."""
        sitting = self._sittings.get(guide_id)
        if sitting is None or sitting.started < start_of_day(now):
            sitting = self._sittings[guide_id] = Sitting(self._progress.last_answer_id(), now)
        return sitting

    def first_screens(self) -> FirstScreens:
        """A reader of sessions' first screens for one worker thread (``begin``'s ``screens``)."""
        return FirstScreens(self._progress.path)

    def begin(self, guide_id: str, guide: ContentStore, *, section_id: str | None = None,
              screens: FirstScreens | None = None) -> Callable[[], Begun | None]:
        """A job for the task runner that reads what a session's first screen needs (``review.begin``),
        through ``screens`` (or connections of its own); hand its result to ``start``. It returns None
        when the guide's exam plan picks today's cards: the job makes the plan (reading every card's state),
        and the session is started with ``start`` alone."""
        now, progress, path = self._clock(), self._progress.path, guide.path
        allowance = self.new_allowance(guide_id)
        goal = self.exam_goal(guide_id) if section_id is None else None
        if goal is not None and now.date() <= goal.day:
            kept = self._today_plan(guide_id) is not None

            def plan() -> None:  # today's plan made on the task runner, not by ``start`` on the UI thread
                if not kept:
                    self.exam_report(guide_id, path)  # (through connections of its own; kept as today's)
            return plan
        return lambda: begin_session(progress=progress, guide=path, guide_id=guide_id, section_id=section_id,
                                     now=now, new_allowance=allowance, screens=screens)

    def read_new_ahead(self, guide_id: str, guide: ContentStore, *, section_id: str | None, limit: int,
                       screens: FirstScreens) -> Callable[[], list[tuple[str, tuple[object, ...]]]]:
        """A job for the task runner reading a session's first new cards ahead (for ``offer_new_page``)."""
        now, path = self._clock(), guide.path
        return lambda: screens.first_new(guide=path, guide_id=guide_id, section_id=section_id, limit=limit, now=now)

    def start(self, guide_id: str, guide: ContentStore, *, section_id: str | None = None,
              begun: Begun | None = None) -> ReviewSession:
        """A session over a guide's cards (or one section's): due ones first, then new ones within today's limit.

        Sessions of one guide share its undo history and its sitting (a study day's run of
        the app), so undo and the summary carry over when a session is restarted. A session
        counts its waiting cards with the status bar's count (``store.due.DueCounter``). ``begun``:
        its counts and first page as ``begin``'s job read them (if for this guide and section).
        """
        now = self._clock()
        # The plan reads every card's state: only when an exam is set and not past (``_today_plan``
        # reads the stored exam first), and the one the task runner computed today is kept.
        plan = self._today_plan(guide_id, guide) if section_id is None else None
        if plan is not None and plan.days:  # until the exam: the plan's cards of today still waiting
            study = CustomStudy(CustomKind.SCOPE, query="exam")  # (its queue holds them: no pages, no limit)
            picked = [card_id for card_id, _ in self._planned(guide_id, plan, now)]
            return self._custom(guide_id, guide, study, picked, f"Exam plan: {plan.summary()}", plan=plan)
        sitting = self._sitting(guide_id, now)
        # The session reads its cards a page at a time as it goes (``review.queue``), never all.
        source = GuideCards(guide_id=guide_id, guide=guide, section_id=section_id, progress=self._progress,
                            edits=self._edits, counter=self.due)
        return ReviewSession(
            guide_id=guide_id, source=source,
            progress=self._progress, scheduler=self._scheduler_for(guide_id), clock=self._clock,
            new_allowance=lambda: self.new_allowance(guide_id), edits=self._edits,
            undo_steps=self._undo.setdefault(guide_id, []), sitting=sitting,
            answers=self._answers.setdefault(guide_id, Answers(self._opened_after, [])),
            count_waiting=lambda at: DueCounts(*self.due.waiting(guide_id, guide=guide, now=at,
                                                                 section_id=section_id)),
            begun=begun if begun is not None and (begun.guide_id, begun.section_id) == (guide_id, section_id)
            else None)

    def start_custom(self, guide_id: str, guide: ContentStore, study: CustomStudy, *,
                     found: Sequence[str] = ()) -> CustomSession:
        """A custom study session (``review.custom``): its cards are picked now and kept.

        Args:
            guide_id: The guide.
            guide: Its content.
            study: What to study, and whether answers count as reviews.
            found: The cards a search found (for a tag or a search).
        """
        now = self._clock()
        order = [card.id for card in guide.cards(study.section_id)]
        phases = self._progress.phases(guide_id)
        forgotten = (self._progress.forgotten_since(guide_id, start_of_day(now))
                     if study.kind is CustomKind.FORGOTTEN else set())
        recall = ({cid: self._scheduler_for(guide_id).retrievability(state.state, now)
                   for cid, state in self._progress.card_states(guide_id).items()}
                  if study.kind is CustomKind.LOWEST else None)
        picked = pick_cards(study, order=order, phases=phases, now=now, forgotten=forgotten, found=found,
                            retrievability=recall)
        section = guide.section(study.section_id) if study.section_id else None
        return self._custom(guide_id, guide, study, picked, study.title(section.title if section else ""))

    def _custom(self, guide_id: str, guide: ContentStore, study: CustomStudy, picked: Sequence[str],
                title: str, plan: ExamPlan | None = None) -> CustomSession:
        edits = self._edits.edits(guide_id)
        cards = ListedCards(guide_id=guide_id, progress=self._progress,
                            cards=[edited(card, edits.get(card.id)) for card in guide.cards(study.section_id)],
                            suspended=lambda: {cid for _, cid in self._edits.suspended(guide_id)})
        return CustomSession(
            picked=picked, study=study, title=title, plan=plan, guide_id=guide_id, source=cards,
            progress=self._progress, scheduler=self._scheduler_for(guide_id), clock=self._clock, edits=self._edits,
            undo_steps=self._undo.setdefault(guide_id, []), sitting=self._sitting(guide_id, self._clock()),
            answers=self._answers.setdefault(guide_id, Answers(self._opened_after, [])))

    def _planned(self, guide_id: str, plan: ExamPlan, now: datetime) -> list[tuple[str, int]]:
        """The cards of today's exam plan still waiting, with their kinds (``store.due.DueCounter``)."""
        return self.due.planned_cards(guide_id, reviews=plan.today_reviews, new=plan.today_new,
                                      since=start_of_day(now), now=now)

    def exam_goal(self, guide_id: str) -> ExamGoal | None:
        """A guide's exam (set or not, past or not)."""
        return self._settings_store.exam_goal(guide_id)

    def set_exam_goal(self, guide_id: str, goal: ExamGoal | None) -> Changes:
        """Set (or with None clear) a guide's exam date, target and daily budget."""
        return self._settings_store.set_exam_goal(guide_id, goal)

    def exam_report(self, guide_id: str, guide: ContentStore | Path, goal: ExamGoal | None = None
                    ) -> ExamReport | None:
        """Today's plan for a guide's exam and each section's predicted recall on the day (``review.exam``,
        the learner's own fitted parameters if any, so the plan uses the same memory model).

        ``guide``: its content, or its database file (then read through connections of the job's own:
        worker-safe, for the task runner). ``goal``: an exam to preview (None: the stored one, whose plan
        is kept as today's: the due counts and the sessions follow it until the exam). Returns None
        without an exam; once it is past, a report without a plan (scheduling is as usual).
        """
        now = self._clock()
        arguments = {"guide_id": guide_id, "goal": goal, "now": now, "day_start": start_of_day(now),
                     "parameters": self.parameters_for(guide_id)}
        report = (read_exam_report(progress=self._progress.path, guide=guide, **arguments) if isinstance(guide, Path)
                  else exam_report(progress=self._progress.path, guide=guide, **arguments))  # type: ignore[arg-type]
        if goal is None and report is not None and report.plan is not None:
            self._plans[guide_id] = report.plan  # (a dict item: safe from the worker thread)
        return report

    def _today_plan(self, guide_id: str, guide: ContentStore | None = None) -> ExamPlan | None:
        """Today's plan of the guide's stored exam: the one kept if it is for that exam and today, else
        planned now if ``guide`` is given (else None: the views' plan is on its way from the task runner)."""
        goal = self.exam_goal(guide_id)
        if goal is None or self._clock().date() > goal.day:
            return None
        kept = self._plans.get(guide_id)
        if kept is not None and kept.goal == goal and kept.days and kept.days[0].day == self._clock().date():
            return kept
        return self.exam_plan(guide_id, guide) if guide is not None else None

    def exam_plan(self, guide_id: str, guide: ContentStore, goal: ExamGoal | None = None) -> ExamPlan | None:
        """Today's plan for the guide's exam (or for ``goal``); None without one or once it is past."""
        report = self.exam_report(guide_id, guide, goal)
        return None if report is None else report.plan

    def exam_recall(self, guide_id: str, guide: ContentStore) -> dict[str, float]:
        """Each section's predicted recall on the exam day (empty without an exam, or after it)."""
        report = self.exam_report(guide_id, guide)
        return {} if report is None else report.recall

    def sections_to_reread(self, guide_id: str, guide: ContentStore) -> dict[str, int]:
        """Sections whose cards keep lapsing (``domain.forgetting``), with their lapses this week."""
        lapses = self._progress.lapses_since(guide_id, self._clock() - LAPSE_WINDOW)
        return sections_to_reread(lapses, guide.sections_of(lapses).get)  # one query a few hundred cards

    def section_lapses(self, guide_id: str, guide: ContentStore, section_id: str) -> int | None:
        """A section's lapses this week if worth re-reading (``sections_to_reread``), else None: read through its
        cards, not the guide's week (the reviewer's every card, at 1,000,000 answers: about 1 ms, not 40)."""
        lapses = self._progress.lapses_among(guide_id, guide.section_card_ids(section_id), self._clock() - LAPSE_WINDOW)
        return lapses if lapses >= LAPSES_TO_REREAD else None

    def due_counts(self, guide_id: str, guide: ContentStore, *, section_id: str | None = None,
                   now: datetime | None = None) -> DueCounts:
        """The cards waiting now in a guide (or one section): new ones within today's limit,
        learning and review ones due (``store.due.DueCounter``, the one count every view shows).
        Until a guide's exam, once its plan was computed (on the task runner), the whole guide's
        count is the plan's cards of today still waiting.

        Args:
            guide_id: The guide.
            guide: Its content.
            section_id: Count only this section's cards.
            now: The time to count at (default: the clock's).
        """
        plan = self._today_plan(guide_id) if section_id is None else None
        if plan is not None and plan.days:  # until the exam: today's plan, as its session takes it
            at = now or self._clock()
            return DueCounts(*self.due.planned(guide_id, reviews=plan.today_reviews, new=plan.today_new,
                                               since=start_of_day(at), now=at))
        new, learning, review = self.due.waiting(guide_id, guide=guide, now=now or self._clock(),
                                                  section_id=section_id)
        return DueCounts(new=min(new, self.new_allowance(guide_id)), learning=learning, review=review)

    def start_when_drills(self, guide_id: str, guide: ContentStore) -> ReviewSession:
        """A session of a guide's "When did it happen?" drills (one per event, ``domain.drills``)."""
        return self._drills(guide_id, when_drill_cards(guide.events()), "when")

    def start_order_drills(self, guide_id: str, guide: ContentStore) -> ReviewSession:
        """A session of a guide's "Put these in order" drills (3-4 events of one period each, ``domain.drills``)."""
        events = guide.events()
        return self._drills(guide_id, order_drill_cards(order_drills(events), events), "order")

    def drill_counts(self, guide_id: str, guide: ContentStore) -> DueCounts:
        """A guide's timeline drills waiting now, both kinds together (the Flashcards view's note)."""
        events = guide.events()
        ids = [card.id for card in when_drill_cards(events)] + [drill.id for drill in order_drills(events)]
        return DueCounts(*self.due.drills(guide_id, ids, now=self._clock()))

    def _drills(self, guide_id: str, cards: list[Card], kind: str) -> ReviewSession:
        """A drill session: the drills are cards of the guide on the same FSRS schedule and review
        log, with an undo history of their own; they are not guide cards, so the guide's due counts
        and its new-card limit leave them out (and new drills are not held to that limit)."""
        ids = {card.id for card in cards}
        key = f"{guide_id}#{kind}-drills"
        return ReviewSession(
            guide_id=guide_id, source=ListedCards(guide_id=guide_id, cards=cards, progress=self._progress),
            progress=self._progress, scheduler=self._scheduler_for(guide_id),
            clock=self._clock, undo_steps=self._undo.setdefault(key, []),
            answers=self._answers.setdefault(key, Answers(self._opened_after, [])),
            count_waiting=lambda at: DueCounts(*self.due.drills(guide_id, ids, now=at)))
