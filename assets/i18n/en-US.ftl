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

lesson-kind-ha = A highly available KinD cluster
lesson-haproxy-workers = HAProxy in front of the workers
lesson-traffic = Following the traffic
lesson-kubelet-failure = When a kubelet fails
lesson-storage = Storage in KinD

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

page-lesson-heading = Lesson
page-lesson-missing = There is no lesson called “{ $slug }”.
page-lesson-soon = The full text of this lesson is being written. The cluster lab already works.
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
