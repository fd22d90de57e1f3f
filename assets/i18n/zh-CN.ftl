app-title = kindlab
app-tagline = 安全地弄坏一个 Kubernetes 集群，并弄懂它为何能自愈
nav-home = 概览
nav-lessons = 课程
nav-lab = 集群实验室
nav-quiz = 测验
nav-progress = 学习进度
lang-switch-label = English
lang-switch-title = Switch to English
theme-label = 主题
theme-light = 浅色
theme-dark = 深色
theme-system = 跟随系统
theme-switch-title = 切换配色主题（浅色、深色、跟随系统）
skip-to-content = 跳到正文

lesson-kind-ha = 高可用的 KinD 集群
lesson-haproxy-workers = 工作节点前的 HAProxy
lesson-traffic = 跟踪流量的去向
lesson-kubelet-failure = 当 kubelet 出现故障
lesson-storage = KinD 中的存储

home-heading = 使用 KinD 部署 Kubernetes
home-intro = 本章搭建一个六节点的 KinD 集群，在三个工作节点前放置你自己的 HAProxy，停止一个 kubelet 来观察集群的反应，最后介绍 Kubernetes 如何为 Pod 提供存储。
home-what-you-do = 你将要做的事
home-step-read = 阅读简短的课程，配有集群的实时示意图。
home-step-break = 在模拟集群的终端里输入本章中的原始命令，亲手把集群弄坏。
home-step-test = 用本章的习题和更多题目检验自己。
home-progress-heading = 你的进度
home-progress-lessons = 已打开的课程：{ $done } / { $total }
home-progress-quiz = 已记录的答题数：{ $answered }
home-start = 从第一课开始

page-lesson-heading = 课程
page-lesson-missing = 没有名为“{ $slug }”的课程。
page-lesson-soon = 本课的完整内容正在编写中。集群实验室已经可以使用。
page-lab-heading = 集群实验室
page-lab-intro = 一个模拟的 cluster01：三个控制平面节点、三个工作节点、kind 的 API 负载均衡器，以及工作节点前你自己的 HAProxy。
page-quiz-heading = 测验
page-quiz-intro = 本章的四道习题、我们自己的题库，以及由模拟器生成的题目。
page-quiz-item-heading = 第 { $id } 题
page-progress-heading = 学习进度
page-progress-intro = 你的所有答题记录只保存在本设备上，绝不会被发送到任何地方。
page-notfound-heading = 找不到页面
page-notfound-body = 这个地址上什么也没有。
page-notfound-home = 返回概览

settings-load-error = 无法读取你的设置文件（{ $detail }）。原文件已保留为 { $backup }；现在使用默认设置。
