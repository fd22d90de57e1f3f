app-title = kindlab
app-tagline = Break a Kubernetes cluster safely, and learn why it heals
nav-menu = Menu
nav-label = Lessons and pages
nav-home = Overview
nav-lessons = Lessons
nav-lab = Cluster lab
nav-quiz = Quiz
nav-progress = Progress
nav-glossary = Glossary
lang-switch-label = 中文
lang-switch-title = 切换到中文
theme-label = Theme
theme-light = Light
theme-dark = Dark
theme-system = System
theme-switch-title = Change the colour theme (light, dark, follow the system)
skip-to-content = Skip to content


home-heading = Deploying Kubernetes with KinD
home-intro = This chapter builds a six-node KinD cluster, puts your own HAProxy in front of the three workers, stops a kubelet to watch the cluster react, and ends with how Kubernetes gives pods storage.
home-what-you-do = What you will do
home-step-read = Read short lessons with live diagrams of the cluster.
home-step-break = Break the simulated cluster from a terminal that accepts the chapter's own commands.
home-step-test = Test yourself with the chapter's questions and many more.
home-progress-heading = Your progress
home-progress-lessons = Lessons opened: { $done } of { $total }
home-progress-quiz = Quiz answers recorded: { $answered }
home-start = Start with the first lesson

page-lesson-missing = There is no lesson called “{ $slug }”.
page-lab-heading = Cluster lab
page-lab-intro = A simulated cluster01: three control-plane nodes, three workers, kind's API load balancer and your HAProxy in front of the workers.
page-quiz-heading = Quiz
page-quiz-intro = The chapter's four questions, our own bank and questions drawn from the simulator.
page-quiz-item-heading = Question { $id }
page-progress-heading = Progress
page-glossary-heading = Glossary and commands
page-glossary-intro = The words the lessons use, each with a short definition and the lesson that explains it, then the commands they run with a sample of what each prints.
glossary-terms = Terms
glossary-commands = Commands
glossary-explained-in = Explained in:
glossary-used-in = Used in:
page-start-heading = Before you begin
page-start-intro = What to know before the first lesson, and which versions of the tools the chapter and the lab reflect.
page-start-glossary = Stuck on a word? The glossary explains every term the lessons use.
page-progress-intro = Everything you answer is saved on this device and never sent anywhere.
page-notfound-heading = Page not found
page-notfound-body = Nothing lives at this address.
page-notfound-home = Go to the overview

settings-load-error = Your settings file could not be read ({ $detail }). It was kept as { $backup }; defaults are used.

home-continue = Continue reading
home-progress-read = Lessons read: { $read } of { $total }
lesson-minutes = { $minutes } min
lesson-eyebrow = Lesson { $n } of { $total } · { $minutes } min
lesson-read = read
lesson-read-done = You have read this lesson.
lesson-mark-read = Mark as read
lesson-mark-unread = Mark as not read
lesson-objectives = In this lesson you will
lesson-toc = On this page
lesson-footnotes = Footnotes
lesson-further-reading = Further reading
lesson-before-begin = New to containers or Kubernetes? Read “Before you begin” first.
home-before-begin = Before you begin: what to know, and which versions
home-glossary = Glossary and command sheet
lesson-footnote-back = Back to the text
lesson-prev-next = Previous and next lesson
lesson-next-quiz = Test yourself
lesson-problems = This lesson has content problems (run kindlab check):
heading-anchor = Link to this section
task-done = done
task-open = not done
admonition-note = Note
admonition-tip = Tip
admonition-important = Important
admonition-warning = Warning
admonition-caution = Caution
code-copy = Copy
code-copied = Copied
code-copy-title = Copy this code
code-try = Try in the lab
code-try-title = Open the lab with these commands ready
checkpoint-title = Checkpoint
predict-title = Predict, then observe
predict-commit = Commit to this guess
predict-hint = Pick one first: the simulator's answer appears only after you commit.
predict-right = Your prediction matches what the simulator showed.
predict-wrong = The simulator showed something else.
predict-your-guess = Your guess
predict-simulator = What the simulated cluster showed
predict-no-result = The result is not available here.
widget-lab-title = Try it in the lab
widget-lab-open = Open the lab
widget-lab-pending = The simulated cluster for this exercise loads when you start it.
widget-lab-start = Start the lab here
content-loading = Loading…
widget-lab-open-ready = Open the lab with these commands
widget-quiz-count = { $n ->
    [one] One question
   *[other] { $n } questions
}
widget-quiz-open = Take the quiz
search-count = { $n ->
    [0] No results
    [one] One result
   *[other] { $n } results
}
search-placeholder = Search the lessons
search-label = Search all lessons
search-none = Nothing found.
topology-label = Diagram of the simulated cluster: host ports, HAProxy, workers and control plane
topology-at = state at { $time } (virtual time)
topology-host = Docker host
topology-no-ports = no published ports
topology-lb-down = not running: nothing answers on ports 80 and 443
topology-api-lb = kind's API load balancer
topology-kubelet-running = kubelet running
topology-kubelet-stopped = kubelet stopped
topology-container-stopped = node container stopped
topology-stopped = stopped
topology-no-hostports = no hostPort listeners
topology-hostports = hostPort { $ports }
topology-orphan = orphan (still running)
topology-system-pods = { $n ->
    [one] + 1 system pod
   *[other] + { $n } system pods
}

quiz-review-title = Review due
quiz-generated-title = Questions from the simulator
quiz-generated-help = fresh scenarios, answers computed by running the simulated cluster
quiz-due-count = { $n ->
    [0] Nothing due for review
    [one] One question due for review
   *[other] { $n } questions due for review
}
quiz-count = { $n ->
    [one] One question
   *[other] { $n } questions
}
quiz-best = best { $correct }/{ $total }
quiz-in-progress = in progress
quiz-missing = There is no quiz called “{ $id }”.
quiz-back = All quizzes
quiz-review-none = Nothing is due for review. Answer some questions first: the ones you miss come back here.
quiz-mode = How do you want to take it?
quiz-practice = Practice
quiz-practice-help = feedback and the explanation after each answer
quiz-exam = Exam
quiz-exam-help = answers first, score and review at the end
quiz-shuffle = Shuffle the questions
quiz-start = Start
quiz-restart = Start again
quiz-question-missing = The question “{ $id }” no longer exists.
quiz-position = Question { $n } of { $total }
quiz-select-all = Select all that apply.
quiz-answer-is = The answer:
quiz-english-only = This quiz has no Chinese text: it is shown in English.
quiz-correct = Correct.
quiz-wrong = Not quite.
quiz-submit = Check answer
quiz-next = Next question
quiz-see-results = See the results
quiz-keys = keys: 1–9 pick · ↑↓ move · Enter check
quiz-score-text = Score: { $correct } of { $total }
quiz-time = Time taken: { $time }
quiz-topic = Topic
quiz-topic-score = Right
quiz-retry-wrong = Retry only the ones I missed ({ $n })
quiz-open-page = Open on its own page
quiz-review-heading = Review every question
quiz-your-answer = Your answer:
quiz-no-answer = (no answer)
quiz-right-answer = The right answer:
topic-kind = KinD
topic-haproxy-config = HAProxy configuration
topic-traffic = Traffic flow
topic-health-checks = Health checks
topic-kubelet-failure = Kubelet failure
topic-cleanup = Cleanup
topic-storage = Storage
progress-summary = Summary
progress-answers = Answers recorded: { $n } ({ $right } right)
progress-review-now = review them now
progress-quiz = Quiz
progress-last = Last score
progress-best = Best
progress-where = Saved in { $location }, after every answer.
progress-export-heading = Export
progress-export-help = Save everything (lessons read, answers, scores, the review schedule) as a JSON file, to keep or to move to another device.
progress-export = Export progress
progress-export-downloaded = Downloaded { $name }.
progress-export-saved = Saved as { $path }.
progress-export-failed = Could not save the export: { $why }
progress-import-heading = Import
progress-import-help = Load a file exported before. It replaces your current progress (which is kept as the backup). A file that cannot be read changes nothing.
progress-import-file = A progress file exported before:
progress-import-paste = The progress to import, as JSON
progress-import-placeholder = …or paste the JSON here
progress-import = Import progress
progress-import-ok = Progress imported.
progress-import-bad = Nothing was changed: this is not a kindlab progress file ({ $why }).
progress-load-problem = Your progress file { $location } could not be read ({ $detail }). It was kept as { $backup }.
progress-load-restored = The previous version was restored.
save-failed = Could not save to { $location } ({ $detail }). What was saved before is kept there; kindlab saves again at your next change.
progress-load-fresh = No good previous version was found: starting fresh.
notice-dismiss = Dismiss

lab-terminal-keys = Terminal keys
lab-key-tab = Tab: complete the command
lab-key-up = Up: the previous command
lab-key-down = Down: the next command
lab-key-ctrl-c = Ctrl-C: cancel the line
lab-key-ctrl-l = Ctrl-L: clear the screen
lab-loading = Starting the simulated cluster…
lab-offer = These commands are ready to run in the lab:
lab-offer-run = Run them
lab-offer-dismiss = Not now
lab-shared = This is the same lab as on the Cluster lab page: what you do here is kept there too.
lab-clock = Virtual clock
lab-play = Play
lab-pause = Pause
lab-speed = Speed
lab-next = Next event
lab-next-title = Jump to the next thing the simulator has scheduled (a health check, a kubelet or controller deadline)
lab-viewing = Viewing a moment in the past.
lab-back-to-now = Back to now
lab-clock-help = Time only passes when the clock plays, with sleep, or with Next event.
lab-tab-log = HAProxy log
lab-tab-nodes = Nodes
lab-tab-pods = Pods
lab-tab-timeline = Timeline
lab-tab-config = haproxy.cfg
lab-export = Try it for real
lab-export-heading = Try it for real: your lab as a shell script
lab-export-help = For a host with Docker, kind and kubectl: it builds the chapter's cluster and HAProxy, then runs the commands you ran here, in order, with real waits.
lab-export-save = Save the script
lab-reset = Reset the lab
lab-timeline-empty = Nothing has happened yet.
lab-timeline-scrub = Move through the past
lab-config-help = the file HAProxy-workers-lb mounts; HAProxy's messages appear next to the lines they are about
lab-config-messages = HAProxy's messages by line
lab-config-ok = HAProxy would start with this configuration.
lab-config-bad = HAProxy would refuse this configuration (it would exit at start).
lab-config-apply = Apply and restart HAProxy
lab-config-revert = Revert to the file
lab-guides = Guided labs:
lab-guide-close = Close the guided lab
lab-guide-finished = You finished this guided lab.
lab-step-done = (done)
lab-hint = Hint
lab-hint-command = Show the command
lab-run-it = Run it
lab-terminal = Terminal output
lab-terminal-input = Command
lab-terminal-hint = Type a command (help lists them), or click a node in the diagram. ↑/↓ history, Tab completes (Shift+Tab leaves the terminal), Ctrl-L clears.
action-stop-kubelet = Stop the kubelet
action-start-kubelet = Start the kubelet
action-stop-node = Stop the node container
action-start-node = Start the node container
action-cordon = Cordon
action-uncordon = Uncordon
action-delete-pod = Delete pod { $pod }
action-label-ingress-ready = Label for the ingress controller (ingress-ready=true)
action-untaint = Remove taint { $taint }

tuning-predicted = Your prediction
tuning-measured = Measured in HAProxy's log
tuning-rule = The rule: (fall − 1) × inter + fall × timeout, with inter { $inter } s, fall { $fall }, timeout = inter
tuning-wait = the wait for the next check (up to { $inter } s)
tuning-explain = A dead node never answers, so each failed check lasts its timeout (inter, as there is no timeout check), and the next one starts inter after it ended. The first failed check starts at the next scheduled check, which is why the measurement lands up to one inter after the rule.
tuning-again = Try other settings

lab-topology = Topology
lab-topology-heading = Your own topology
lab-topology-help = Edit the kind cluster config and the HAProxy config; the simulated world is rebuilt from them (the lab starts again). A file kind or HAProxy would refuse is shown with its line, and the current world stays.
lab-topology-preset = Start from:
lab-topology-choose = (choose)
lab-topology-preset-n = { $cp } control plane(s) and { $workers } workers
lab-topology-apply = Rebuild the world

# break-fix challenges (issue 19)
challenge-label = Break-fix challenge
challenge-list-heading = Break-fix challenges
challenge-list-intro = A cluster that is already broken, a goal, and no steps: find the cause and fix it your own way.
challenge-solved = solved
challenge-goal = Goal
challenge-era = What it imitates:
challenge-status-open = Not solved yet.
challenge-status-solved = Solved.
challenge-solved-before = (You solved it before.)
challenge-cause = What was wrong
challenge-your-fix = What your fix did
challenge-hint = Show a hint
challenge-hint-next = Show hint { $n } of { $total }
challenge-hint-none = No more hints
challenge-reset = Break it again
challenge-not-found = There is no challenge with this name.
progress-challenges = Break-fix challenges solved: { $solved } of { $total }
