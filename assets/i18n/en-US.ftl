app-title = kindlab
app-tagline = Break a Kubernetes cluster safely, and learn why it heals
nav-home = Overview
nav-lessons = Lessons
nav-lab = Cluster lab
nav-quiz = Quiz
nav-progress = Progress
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
widget-lab-title = Try it in the lab
widget-lab-open = Open the lab
widget-lab-open-ready = Open the lab with these commands
widget-quiz-count = { $n ->
    [one] One question
   *[other] { $n } questions
}
widget-quiz-open = Take the quiz
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
